import { lookup } from 'node:dns/promises';
import { connect } from 'node:net';
import { BatiSimplyError, createBatiSimplyClient } from './batisimply-client';
import type { SagesSettings } from './config';
import { sqlServerPool, tableName } from './sql-server';

/**
 * "Tester la connexion", one side at a time, step by step: the first step that fails says what failed
 * (DNS, TCP, TLS, login, permission on a table) in French; the later steps are not tried.
 */
export type ConnectionStepName = 'configuration' | 'dns' | 'tcp' | 'tls' | 'login' | 'table' | 'token' | 'api';

export interface ConnectionStep {
  step: ConnectionStepName;
  ok: boolean;
  message: string;
}

export interface ConnectionTestResult {
  side: 'sqlServer' | 'batisimply';
  ok: boolean;
  steps: ConnectionStep[];
}

function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error).code) : '';
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function dnsStep(host: string): Promise<ConnectionStep> {
  try {
    const { address } = await lookup(host);
    return { step: 'dns', ok: true, message: `${host} → ${address}` };
  } catch {
    return { step: 'dns', ok: false, message: `Nom d’hôte introuvable (DNS) : ${host}` };
  }
}

function tcpStep(host: string, port: number, timeoutMs: number): Promise<ConnectionStep> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: timeoutMs });
    const finish = (step: ConnectionStep): void => {
      socket.destroy();
      resolve(step);
    };
    socket.once('connect', () => finish({ step: 'tcp', ok: true, message: `port ${port} ouvert` }));
    socket.once('timeout', () => finish({ step: 'tcp', ok: false, message: `Pas de réponse de ${host}:${port} (TCP, délai dépassé : pare-feu ?)` }));
    socket.once('error', (error) =>
      finish({ step: 'tcp', ok: false, message: errorCode(error) === 'ECONNREFUSED' ? `Connexion refusée par ${host}:${port} (TCP : aucun service sur ce port)` : `Connexion TCP impossible à ${host}:${port} (${errorCode(error)})` }),
    );
  });
}

function result(side: ConnectionTestResult['side'], steps: ConnectionStep[]): ConnectionTestResult {
  return { side, ok: steps.every((step) => step.ok), steps };
}

export async function testSqlServer(settings: SagesSettings['sqlServer'], timeoutMs = 10_000): Promise<ConnectionTestResult> {
  const steps: ConnectionStep[] = [];
  if (settings.host === '' || settings.database === '' || settings.user === '') {
    return result('sqlServer', [{ step: 'configuration', ok: false, message: 'Configuration incomplète : serveur, base et utilisateur sont requis' }]);
  }
  steps.push(await dnsStep(settings.host));
  if (!steps.at(-1)?.ok) return result('sqlServer', steps);
  if (settings.port !== null) {
    steps.push(await tcpStep(settings.host, settings.port, timeoutMs));
    if (!steps.at(-1)?.ok) return result('sqlServer', steps);
  }
  const pool = sqlServerPool(settings, timeoutMs);
  try {
    await pool.connect();
    steps.push({ step: 'login', ok: true, message: `connecté à la base ${settings.database}` });
  } catch (error) {
    const code = errorCode(error);
    const message = errorMessage(error);
    if (code === 'EENCRYPT' || /tls|ssl|certificate|encrypt/i.test(message)) {
      steps.push({ step: 'tls', ok: false, message: `Échec du chiffrement TLS : ${message}` });
    } else if (code === 'ELOGIN') {
      steps.push({ step: 'login', ok: false, message: `Connexion refusée par SQL Server (identifiants ou base) : ${message}` });
    } else {
      steps.push({ step: 'login', ok: false, message: `Connexion SQL Server impossible : ${message}` });
    }
    await pool.close().catch(() => undefined);
    return result('sqlServer', steps);
  }
  try {
    for (const table of [settings.tables.chantiers, settings.tables.salaries, settings.tables.heures]) {
      try {
        await pool.request().query(`SELECT TOP (1) * FROM ${tableName(table)}`);
        steps.push({ step: 'table', ok: true, message: `table ${table} lisible` });
      } catch (error) {
        const number = typeof error === 'object' && error !== null && 'number' in error ? Number((error).number) : 0;
        const reason = number === 229 ? 'droit refusé' : number === 208 ? 'table introuvable' : 'lecture impossible';
        steps.push({ step: 'table', ok: false, message: `Table ${table} : ${reason} (${errorMessage(error)})` });
        return result('sqlServer', steps);
      }
    }
  } finally {
    await pool.close().catch(() => undefined);
  }
  return result('sqlServer', steps);
}

export async function testBatiSimply(settings: SagesSettings['batisimply'], timeoutMs = 10_000): Promise<ConnectionTestResult> {
  let url: URL;
  try {
    url = new URL(settings.tokenUrl);
    new URL(settings.apiUrl);
  } catch {
    return result('batisimply', [{ step: 'configuration', ok: false, message: 'Configuration incomplète : adresses du jeton et de l’API requises (https://…)' }]);
  }
  const steps: ConnectionStep[] = [await dnsStep(url.hostname)];
  if (!steps.at(-1)?.ok) return result('batisimply', steps);
  const port = url.port !== '' ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  steps.push(await tcpStep(url.hostname, port, timeoutMs));
  if (!steps.at(-1)?.ok) return result('batisimply', steps);
  const client = createBatiSimplyClient(settings, { retry: { attempts: 1, timeoutMs } });
  try {
    await client.token();
    steps.push({ step: 'token', ok: true, message: 'jeton obtenu' });
  } catch (error) {
    const message = errorMessage(error);
    const tls = error instanceof BatiSimplyError && error.status === 0 && message.includes('TLS');
    steps.push({ step: tls ? 'tls' : 'token', ok: false, message: tls ? `Échec TLS : ${message}` : `Jeton refusé : ${message}` });
    return result('batisimply', steps);
  }
  try {
    const projects = await client.listProjects();
    steps.push({ step: 'api', ok: true, message: `${projects.length} projet(s) visibles` });
  } catch (error) {
    steps.push({ step: 'api', ok: false, message: `API BatiSimply : ${errorMessage(error)}` });
  }
  return result('batisimply', steps);
}
