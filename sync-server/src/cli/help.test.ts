import { describe, expect, it } from 'vitest';
import { commands, generalUsage, planCommand, usageFor } from './help';

const names = Object.keys(commands);

describe('relais command line plan', () => {
  it('--help prints the usage of the command it follows, in French; alone, the general usage naming every command', () => {
    expect(names).toEqual(['serve', 'demo', 'user', 'import', 'job', 'config', 'backup', 'wms', 'sages']);
    for (const name of names) {
      const plan = planCommand([name], true);
      expect(plan, name).toMatchObject({ kind: 'help', text: expect.stringMatching(new RegExp(`^Usage : relais ${name}\\b`)) as string });
    }
    // Even after a subcommand: help wins over running anything.
    expect(planCommand(['user', 'set-role', 'x', 'viewer'], true)).toMatchObject({ kind: 'help', text: expect.stringContaining('relais user set-role <identifiant> <rôle>') as string });
    expect(planCommand([], true)).toEqual({ kind: 'help', text: generalUsage() });
    for (const name of names) {
      expect(generalUsage()).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
    }
  });

  it('runs a known command (serve by default) with a known subcommand', () => {
    expect(planCommand([], false)).toEqual({ kind: 'run', command: 'serve' });
    expect(planCommand(['demo'], false)).toEqual({ kind: 'run', command: 'demo' });
    for (const action of ['add', 'reset-password', 'set-role', 'list']) {
      expect(planCommand(['user', action, 'x'], false)).toEqual({ kind: 'run', command: 'user' });
    }
    expect(planCommand(['import', 'csv', 'chauffeurs', 'a.csv'], false)).toEqual({ kind: 'run', command: 'import' });
    expect(planCommand(['job', 'run', 'housekeeping'], false)).toEqual({ kind: 'run', command: 'job' });
    expect(planCommand(['job', 'list'], false)).toEqual({ kind: 'run', command: 'job' });
    expect(planCommand(['config', 'check'], false)).toEqual({ kind: 'run', command: 'config' });
    expect(planCommand(['job', 'lancer'], false)).toMatchObject({ kind: 'usage-error' });
    for (const action of ['create', 'list', 'restore']) {
      expect(planCommand(['backup', action], false)).toEqual({ kind: 'run', command: 'backup' });
    }
  });

  it('refuses an unknown command or subcommand, or an argument to a command that takes none, with the usage', () => {
    expect(planCommand(['planifier'], false)).toEqual({ kind: 'usage-error', text: `Commande inconnue : planifier\n\n${generalUsage()}` });
    expect(planCommand(['planifier'], true)).toMatchObject({ kind: 'usage-error' });
    expect(planCommand(['user', 'supprimer', 'paul'], false)).toEqual({ kind: 'usage-error', text: `Sous-commande inconnue : relais user supprimer\n\n${commands.user.usage}` });
    expect(planCommand(['import', 'xls'], false)).toEqual({ kind: 'usage-error', text: `Sous-commande inconnue : relais import xls\n\n${commands.import.usage}` });
    expect(planCommand(['serve', 'maintenant'], false)).toEqual({ kind: 'usage-error', text: `relais serve ne prend pas d'argument (« maintenant »)\n\n${commands.serve.usage}` });
    // `constructor` is no command, even though every object has one.
    expect(planCommand(['constructor'], false)).toMatchObject({ kind: 'usage-error' });
  });

  it('after an option that cannot be parsed, shows the usage of the command named on the line', () => {
    expect(usageFor(['user', 'list', '--port', '80'])).toBe(commands.user.usage);
    expect(usageFor(['--port', '80'])).toBe(generalUsage());
  });
});
