import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Authenticated, AuthService } from '../auth/service';
import { ApiError } from '../http/errors';
import type { Logger } from '../logger';
import type { LiveHub } from './live-hub';

/** A frame of the desktop client is a few bytes (`ping`, `get_users`); more only costs memory. */
const maxFrameBytes = 64 * 1024;

/** The close code and reason of a socket that may not stay, as TomatoPlan's: 4001 expired, 4002 otherwise. */
function refusal(error: unknown): { code: number; reason: string } {
  const message = error instanceof ApiError ? error.message : 'Jeton invalide';
  const expired = /expir/i.test(message);
  // A close reason holds 123 bytes at most.
  return { code: expired ? 4001 : 4002, reason: Buffer.from(expired ? 'Token expiré' : message).subarray(0, 120).toString() };
}

interface UpgradeServer {
  on(event: 'upgrade', listener: (request: IncomingMessage, socket: Duplex, head: Buffer) => void): unknown;
}

/**
 * Serves TomatoPlan's `/ws` on the Node server: `ws://server/ws?token=<access token>`. No anonymous
 * socket: without a token, or with an expired or bad one, the socket is accepted then closed with
 * 4001/4002 and a reason (so the client reads why). Other upgrade paths are refused.
 */
export function attachLiveSocket(server: UpgradeServer, { hub, auth, logger }: { hub: LiveHub; auth: AuthService; logger: Logger }): () => void {
  const wss = new WebSocketServer({ noServer: true, maxPayload: maxFrameBytes });
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://relais');
    if (url.pathname !== '/ws' && url.pathname !== '/ws/') {
      socket.destroy();
      return;
    }
    const token = url.searchParams.get('token');
    const checked: Promise<Authenticated | { code: number; reason: string }> = token
      ? auth.authenticateBearer(token).catch((error: unknown) => refusal(error))
      : Promise.resolve({ code: 4001, reason: 'Jeton manquant : ws://serveur/ws?token=…' });
    void checked.then((outcome) => {
      wss.handleUpgrade(request, socket, head, (ws: WebSocket) => {
        if ('code' in outcome) {
          logger.info({ code: outcome.code, reason: outcome.reason }, 'socket TomatoPlan refusé');
          ws.close(outcome.code, outcome.reason);
          return;
        }
        hub.accept(ws, outcome);
      });
    });
  });
  return () => {
    hub.close();
    wss.close();
  };
}
