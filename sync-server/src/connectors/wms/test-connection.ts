import { lookup } from 'node:dns/promises';
import { connect } from 'node:net';
import { wmsTestSteps, type WmsTestReport, type WmsTestStep, type WmsTestStepResult } from '@relais/schema';
import type { Client } from 'ssh2';
import type { WmsConnection } from './connections';
import { connectSsh, remoteMysql, WmsStepError } from './ssh';

function tcpProbe(host: string, port: number, timeoutMs = 8000): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      reject(new WmsStepError('tcp', `Le port ${port} de ${host} ne répond pas (délai dépassé).`));
    });
    socket.once('connect', () => {
      socket.destroy();
      resolve();
    });
    socket.once('error', (error: Error & { code?: string }) => {
      reject(new WmsStepError('tcp', `Connexion TCP refusée ou impossible à ${host}:${port} (${error.code ?? error.message}).`));
    });
  });
}

function sftpCheck(client: Client, folder: string): Promise<void> {
  return new Promise((resolve, reject) => {
    client.sftp((error, sftp) => {
      if (error) {
        reject(new WmsStepError('sftp', `Sous-système SFTP indisponible sur l'hôte : ${error.message}`));
        return;
      }
      sftp.stat(folder, (statError, stats) => {
        sftp.end();
        if (statError) {
          reject(new WmsStepError('sftp', `Dossier temporaire distant ${folder} inaccessible par SFTP : ${statError.message}`));
        } else if (!stats.isDirectory()) {
          reject(new WmsStepError('sftp', `${folder} n'est pas un dossier sur l'hôte.`));
        } else {
          resolve();
        }
      });
    });
  });
}

/**
 * "Tester la connexion": DNS, TCP, host key, SSH authentication, SFTP and database access from the
 * SSH host, one after the other; the first that fails says why (in French), the next ones are not run.
 */
export async function testWmsConnection(connection: WmsConnection): Promise<WmsTestReport> {
  const steps: WmsTestStepResult[] = [];
  let client: Client | undefined;
  const run = async (step: WmsTestStep, check: () => Promise<string>): Promise<void> => {
    steps.push({ step, ok: true, message: await check() });
  };
  try {
    await run('dns', async () => {
      try {
        const { address } = await lookup(connection.ssh_host);
        return `${connection.ssh_host} → ${address}`;
      } catch {
        throw new WmsStepError('dns', `Nom d'hôte introuvable : ${connection.ssh_host}.`);
      }
    });
    await run('tcp', async () => {
      await tcpProbe(connection.ssh_host, connection.ssh_port);
      return `Port ${connection.ssh_port} joignable.`;
    });
    client = await connectSsh(connection);
    steps.push({ step: 'host_key', ok: true, message: `Clé d'hôte conforme à l'empreinte épinglée (${connection.host_fingerprint ?? ''}).` });
    steps.push({ step: 'ssh_auth', ok: true, message: `Authentifié en tant que ${connection.ssh_user}.` });
    const opened = client;
    await run('sftp', async () => {
      await sftpCheck(opened, connection.remote_temp_dir);
      return `SFTP disponible, dossier ${connection.remote_temp_dir} accessible.`;
    });
    await run('database', async () => {
      const rows = await remoteMysql(opened, connection, 'SELECT VERSION()');
      return `Base ${connection.db_name} accessible (serveur ${rows[0]?.[0] ?? 'inconnu'}).`;
    });
  } catch (error) {
    const failure = error instanceof WmsStepError ? error : new WmsStepError('ssh_auth', error instanceof Error ? error.message : String(error));
    // A refused host key comes before authentication: the steps before the failing one passed.
    steps.push({ step: failure.step, ok: false, message: failure.message });
  } finally {
    client?.end();
  }
  const failed = steps.find((step) => !step.ok);
  const done = new Set(steps.map((step) => step.step));
  for (const step of wmsTestSteps) {
    if (!done.has(step)) {
      steps.push({ step, ok: false, message: 'Non vérifié : une étape précédente a échoué.' });
    }
  }
  steps.sort((a, b) => wmsTestSteps.indexOf(a.step) - wmsTestSteps.indexOf(b.step));
  return { ok: failed === undefined, failed_step: failed?.step ?? null, steps };
}
