import { createHash } from 'node:crypto';
import type { WmsTestStep } from '@relais/schema';
import { Client, type ClientChannel, type ConnectConfig } from 'ssh2';
import type { WmsConnection } from './connections';

/** A failure of one step of talking to the WMS host, said in French; the step tells the administrator where to look. */
export class WmsStepError extends Error {
  override name = 'WmsStepError';
  constructor(
    readonly step: WmsTestStep,
    message: string,
  ) {
    super(message);
  }
}

/** `SHA256:…` as OpenSSH prints a host key's fingerprint (base64 without padding). */
export function fingerprintOf(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

/** Quotes a word for the remote POSIX shell. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

const readyTimeoutMs = 15_000;

function authConfig(connection: WmsConnection): Partial<ConnectConfig> {
  if (connection.ssh_auth === 'key') {
    return { privateKey: connection.ssh_secret ?? '', ...(connection.ssh_passphrase ? { passphrase: connection.ssh_passphrase } : {}) };
  }
  return { password: connection.ssh_secret ?? '' };
}

interface Attempt {
  hostKeySeen?: string;
  hostKeyRefused?: boolean;
}

function translate(error: Error & { level?: string }, attempt: Attempt, connection: WmsConnection): WmsStepError {
  if (attempt.hostKeyRefused) {
    return new WmsStepError(
      'host_key',
      connection.host_fingerprint
        ? `Clé d'hôte SSH différente de celle épinglée (reçue ${attempt.hostKeySeen ?? '?'}, attendue ${connection.host_fingerprint}) : connexion refusée. Si le serveur a vraiment changé de clé, récupérez et confirmez la nouvelle empreinte.`
        : "Aucune empreinte de clé d'hôte épinglée : récupérez l'empreinte et confirmez-la avant de vous connecter.",
    );
  }
  if (error.level === 'client-authentication') {
    return new WmsStepError('ssh_auth', `Authentification SSH refusée pour l'utilisateur « ${connection.ssh_user} » (mot de passe ou clé incorrects).`);
  }
  if (error.level === 'client-timeout') {
    return new WmsStepError('tcp', `Le serveur SSH ${connection.ssh_host}:${connection.ssh_port} ne répond pas (délai dépassé).`);
  }
  const code = (error as { code?: string }).code;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new WmsStepError('dns', `Nom d'hôte introuvable : ${connection.ssh_host}.`);
  }
  if (code === 'ECONNREFUSED' || code === 'EHOSTUNREACH' || code === 'ETIMEDOUT' || code === 'ENETUNREACH') {
    return new WmsStepError('tcp', `Connexion TCP impossible à ${connection.ssh_host}:${connection.ssh_port} (${code}).`);
  }
  if (/private key|passphrase|parse/i.test(error.message)) {
    return new WmsStepError('ssh_auth', `Clé privée SSH illisible (format ou phrase de passe) : ${error.message}`);
  }
  return new WmsStepError('ssh_auth', `Connexion SSH impossible : ${error.message}`);
}

/**
 * An SSH session to the WMS host whose host key matches the pinned fingerprint; any other key, or no
 * pinned key, refuses the connection before authenticating. `acceptAnyKey` only serves "fetch the
 * fingerprint", which authenticates nothing and returns the key's fingerprint.
 */
export function connectSsh(connection: WmsConnection, options: { signal?: AbortSignal; acceptAnyKey?: boolean } = {}): Promise<Client> {
  const client = new Client();
  const attempt: Attempt = {};
  return new Promise<Client>((resolve, reject) => {
    const onAbort = (): void => {
      client.end();
      reject(new WmsStepError('tcp', 'Connexion SSH interrompue (tâche arrêtée).'));
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    client.once('ready', () => {
      options.signal?.removeEventListener('abort', onAbort);
      resolve(client);
    });
    client.once('error', (error: Error & { level?: string }) => {
      options.signal?.removeEventListener('abort', onAbort);
      client.end();
      reject(translate(error, attempt, connection));
    });
    client.connect({
      host: connection.ssh_host,
      port: connection.ssh_port,
      username: connection.ssh_user,
      readyTimeout: readyTimeoutMs,
      keepaliveInterval: 10_000,
      keepaliveCountMax: 3,
      ...authConfig(connection),
      hostVerifier: (key: Buffer) => {
        attempt.hostKeySeen = fingerprintOf(key);
        const ok = options.acceptAnyKey === true || (connection.host_fingerprint !== null && attempt.hostKeySeen === connection.host_fingerprint);
        attempt.hostKeyRefused = !ok;
        return ok;
      },
    });
  });
}

/** The host key's fingerprint, read from the key exchange alone (no authentication), for the administrator to confirm. */
export function fetchFingerprint(connection: Pick<WmsConnection, 'ssh_host' | 'ssh_port'>): Promise<string> {
  const client = new Client();
  return new Promise<string>((resolve, reject) => {
    let seen: string | undefined;
    client.once('error', (error: Error & { code?: string }) => {
      client.end();
      if (seen) {
        resolve(seen);
      } else if (error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN') {
        reject(new WmsStepError('dns', `Nom d'hôte introuvable : ${connection.ssh_host}.`));
      } else {
        reject(new WmsStepError('tcp', `Serveur SSH injoignable (${connection.ssh_host}:${connection.ssh_port}) : ${error.message}`));
      }
    });
    client.connect({
      host: connection.ssh_host,
      port: connection.ssh_port,
      username: 'relais-fingerprint',
      readyTimeout: readyTimeoutMs,
      hostVerifier: (key: Buffer) => {
        seen = fingerprintOf(key);
        // Refused on purpose: nothing is authenticated, the error handler answers the fingerprint.
        return false;
      },
    });
  });
}

export interface ExecResult {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `script` with bash on the host; `stdin` (e.g. a password, never on the command line) is written
 * then closed. `onLine` hears each stdout line as it comes. Aborting closes the channel.
 */
export function execScript(client: Client, script: string, options: { stdin?: string; signal?: AbortSignal; onLine?: (line: string) => void } = {}): Promise<ExecResult> {
  return new Promise<ExecResult>((resolve, reject) => {
    client.exec(`bash -c ${shellQuote(script)}`, (error: Error | undefined, channel: ClientChannel) => {
      if (error) {
        reject(error);
        return;
      }
      let stdout = '';
      let stderr = '';
      let pending = '';
      let settled = false;
      // Without a terminal the remote command outlives its channel: do not wait for it, the caller cleans up.
      const onAbort = (): void => {
        channel.close();
        settled = true;
        resolve({ code: null, signal: 'ABORTED', stdout, stderr });
      };
      options.signal?.addEventListener('abort', onAbort, { once: true });
      channel.on('data', (chunk: Buffer) => {
        const text = chunk.toString('utf8');
        stdout += text;
        if (options.onLine) {
          pending += text;
          const lines = pending.split('\n');
          pending = lines.pop() ?? '';
          lines.forEach(options.onLine);
        }
      });
      channel.stderr.on('data', (chunk: Buffer) => {
        stderr = (stderr + chunk.toString('utf8')).slice(-8000);
      });
      let code: number | null = null;
      let signal: string | null = null;
      channel.on('exit', (exitCode: number | null, exitSignal?: string) => {
        code = exitCode;
        signal = exitSignal ?? null;
      });
      channel.on('close', () => {
        options.signal?.removeEventListener('abort', onAbort);
        if (settled) {
          return;
        }
        if (pending && options.onLine) {
          options.onLine(pending);
        }
        resolve({ code, signal, stdout, stderr });
      });
      channel.end(options.stdin ?? '');
    });
  });
}

/** The options of the `mysql`/`mysqldump` clients on the host; the password goes through `MYSQL_PWD`, read from stdin. */
export function mysqlClientArgs(connection: WmsConnection): string {
  return `-h ${shellQuote(connection.db_host)} -P ${connection.db_port} -u ${shellQuote(connection.db_user)}`;
}

/** The first lines of a script that reads the database password from stdin into `MYSQL_PWD` (never in `ps`). */
export const readPasswordPrologue = 'set -o pipefail; IFS= read -r MYSQL_PWD || true; export MYSQL_PWD';

export function passwordInput(connection: WmsConnection): string {
  return `${connection.db_password ?? ''}\n`;
}

/** Runs SQL with the `mysql` client on the host (`-N -B`: tab-separated rows, no header). */
export async function remoteMysql(client: Client, connection: WmsConnection, sql: string, database: string | null = connection.db_name): Promise<string[][]> {
  const result = await execScript(client, `${readPasswordPrologue}; mysql ${mysqlClientArgs(connection)} -N -B ${database ? shellQuote(database) : ''} -e ${shellQuote(sql)}`, {
    stdin: passwordInput(connection),
  });
  if (result.code !== 0) {
    throw new WmsStepError('database', `Base de données inaccessible depuis l'hôte SSH : ${result.stderr.trim() || `code ${String(result.code)}`}`);
  }
  return result.stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.split('\t'));
}
