import { createInterface } from 'node:readline';
import type { WmsService } from '../connectors/wms/service';
import { runWmsCommand, wmsExitCodes, type WmsCommandIo, type WmsCommandOptions } from './wms';

const menu = `
=== Relais — connecteur WMS ===
  1. Sauvegarder maintenant
  2. Lister et restaurer un point de restauration
  3. Exporter une table en CSV
  4. Tester la connexion
  0. Quitter`;

/** `relais wms` with no arguments: the old tool's menu, each choice running the matching command. */
export async function runWmsMenu(wms: WmsService, options: WmsCommandOptions, io: WmsCommandIo, input: NodeJS.ReadableStream = process.stdin, output: NodeJS.WritableStream = process.stdout): Promise<number> {
  const rl = createInterface({ input, terminal: false });
  // Lines are read from the iterator, which keeps those piped in before they are asked for; end of input quits.
  const lines = rl[Symbol.asyncIterator]();
  const ask = async (question: string): Promise<string> => {
    output.write(question);
    const next = await lines.next();
    return next.done ? '0' : String(next.value).trim();
  };
  try {
    const connections = wms.list();
    if (connections.length === 0) {
      io.printError('Aucune connexion WMS : relais wms import-config Configuration.json, ou la console d’administration.');
      return wmsExitCodes.failed;
    }
    let connection = options.connection ?? connections[0]?.name;
    if (options.connection === undefined && connections.length > 1) {
      connections.forEach((view, index) => io.print(`  ${index + 1}. ${view.name}`));
      connection = connections[Number(await ask('Connexion : ')) - 1]?.name ?? connection;
    }
    let last: number = wmsExitCodes.ok;
    for (;;) {
      io.print(menu);
      const choice = await ask('Votre choix : ');
      const base = { ...options, connection };
      switch (choice) {
        case '0':
        case '':
          return last;
        case '1':
          last = await runWmsCommand(wms, ['backup'], base, io);
          break;
        case '2': {
          const points = wms.restorePoints(wms.connections.idByName(connection ?? ''));
          if (points.length === 0) {
            io.print('Aucun point de restauration.');
            break;
          }
          points.forEach(({ manifest }, index) =>
            io.print(`  ${index + 1}. ${manifest.file}\t${manifest.tables.map((table) => `${table.name} ${table.rows} lignes`).join(', ')}\t${manifest.kind === 'safety' ? '(sécurité)' : ''}`),
          );
          const point = points[Number(await ask('Numéro à restaurer (vide : annuler) : ')) - 1];
          if (!point) break;
          const target = (await ask(`Base cible [${point.manifest.database}] : `)) || point.manifest.database;
          const confirm = await ask(`Tapez le nom de la base « ${target} » pour confirmer : `);
          last = await runWmsCommand(wms, ['restore', point.manifest.file], { ...base, confirm, target }, io);
          break;
        }
        case '3': {
          const table = await ask('Table à exporter : ');
          last = await runWmsCommand(wms, ['export', table], base, io);
          break;
        }
        case '4':
          last = await runWmsCommand(wms, ['test'], base, io);
          break;
        default:
          io.print('Choix inconnu.');
      }
    }
  } finally {
    rl.close();
  }
}
