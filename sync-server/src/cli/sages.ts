import { createSagesConnector, isSagesJob, sagesJobNames, sagesJobPrefix } from '../connectors/sages/connector';
import type { SagesReport } from '../connectors/sages/report';
import type { Db } from '../db/client';
import type { Logger } from '../logger';
import { createJobScheduler } from '../scheduler/jobs';
import type { SecretBox } from '../secrets/secret-box';
import type { RuntimeConfig } from '../settings/runtime-config';
import { jobExitCodes, runJobCommand } from './job';

export const sagesActions = [...sagesJobNames, 'test'] as const;

export const sagesUsage = `Usage : relais sages <tâche> [--dry-run] | relais sages test

  relais sages chantiers-import   chantiers actifs de Batigest (SQL Server) → Relais
  relais sages chantiers-export   chantiers modifiés → BatiSimply (création ou mise à jour)
  relais sages heures-import      créneaux BatiSimply de la fenêtre glissante → Relais
  relais sages heures-export      heures validées pas encore envoyées → SuiviMO (Batigest)
  relais sages codes-projet       correspondance identifiant de projet BatiSimply ↔ code chantier
  relais sages test               teste la connexion à SQL Server puis à BatiSimply, étape par étape

--dry-run : rapporte ce que la tâche changerait (créations, mises à jour, lignes non rapprochées),
sans rien écrire ni dans Relais, ni dans Batigest, ni dans BatiSimply.

Codes de sortie : 0 réussie (test : les deux côtés répondent), 1 échouée (test : un côté en échec),
2 commande inconnue, 3 interrompue (délai dépassé), 4 déjà en cours (sur le serveur ou ailleurs).`;

export interface SagesCommandDeps {
  db: Db;
  logger: Logger;
  runtime: RuntimeConfig;
  secrets: SecretBox;
  dryRun: boolean;
  print: (line: string) => void;
  printError: (line: string) => void;
}

const actionLabels: Record<SagesReport['changes'][number]['action'], string> = {
  create: 'création',
  update: 'mise à jour',
  archive: 'terminé',
  send: 'envoi',
  move: 'déplacement',
};

const reasonLabels: Record<SagesReport['unmapped'][number]['reason'], string> = {
  salarie_inconnu: 'salarié sans identifiant BatiSimply dans Batigest (Salarie.codebs)',
  chantier_sans_code: 'chantier sans code',
  projet_inconnu: 'projet BatiSimply sans chantier correspondant',
};

function printReport(report: SagesReport, print: (line: string) => void): void {
  const { created, updated, skipped, failed } = report.counts;
  print(`Essai à blanc : ${created} création(s), ${updated} mise(s) à jour, ${skipped} inchangée(s) ou ignorée(s), ${failed} échec(s). Rien n'a été écrit.`);
  for (const change of report.changes) print(`  ${actionLabels[change.action]} : ${change.label}`);
  if (report.moreChanges > 0) print(`  … et ${report.moreChanges} autre(s)`);
  for (const entry of report.unmapped) print(`  non rapproché : ${entry.name}${entry.day ? ` (${entry.day})` : ''} : ${reasonLabels[entry.reason]}`);
}

/** `relais sages`: a job now (recorded like the server's runs) or its dry run, or the connection tests. */
export async function runSagesCommand(args: string[], deps: SagesCommandDeps): Promise<number> {
  const [action] = args;
  const sages = createSagesConnector({ db: deps.db, logger: deps.logger, secrets: deps.secrets });
  if (action === 'test') {
    let ok = true;
    for (const side of ['sqlServer', 'batisimply'] as const) {
      const result = await sages.test(side);
      deps.print(side === 'sqlServer' ? 'SQL Server (Batigest) :' : 'BatiSimply :');
      for (const step of result.steps) deps.print(`  ${step.ok ? 'ok ' : 'ÉCHEC'} ${step.message}`);
      ok &&= result.ok;
    }
    return ok ? jobExitCodes.succeeded : jobExitCodes.failed;
  }
  if (action === undefined || !isSagesJob(action) || args.length > 1) {
    deps.printError(sagesUsage);
    return jobExitCodes.usage;
  }
  if (deps.dryRun) {
    try {
      printReport(await sages.dryRun(action), deps.print);
      return jobExitCodes.succeeded;
    } catch (error) {
      deps.printError(`Essai à blanc impossible : ${error instanceof Error ? error.message : String(error)}`);
      return jobExitCodes.failed;
    }
  }
  const scheduler = createJobScheduler({ db: deps.db, logger: deps.logger, runtime: deps.runtime, sages });
  return runJobCommand(['run', `${sagesJobPrefix}${action}`], { ...deps, scheduler });
}
