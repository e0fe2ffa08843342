import { canRead, hiddenFields, projectDocument, type PermissionMap } from '@relais/domain';
import type { CollectionName } from '@relais/schema';
import type { WebSocket } from 'ws';
import type { Authenticated, AuthService } from '../auth/service';
import type { Logger } from '../logger';
import type { CommittedBatch, CommittedChange, ReplicationEvents } from '../replication/events';
import { createStreamSlots, type StreamLimits } from '../replication/stream-limits';

/**
 * What bounds the sockets, as the pull streams: bytes waiting for one, how long it may take nothing,
 * how many one session (its tabs) and the whole server may hold open.
 */
export type LiveSocketLimits = Pick<StreamLimits, 'queueBytes' | 'stallMs' | 'perSession' | 'total'>;

/** The close codes of the sockets the hub ends, after TomatoPlan's 4001 (token expired) and 4002 (bad token). */
export const liveCloseCodes = {
  tokenExpired: { code: 4001, reason: 'Token expiré' },
  sessionClosed: { code: 4003, reason: 'Session fermée' },
  session: { code: 4008, reason: 'Trop de connexions ouvertes pour cette session' },
  server: { code: 4009, reason: 'Trop de connexions ouvertes sur le serveur' },
} as const;

/** A timer delay past this overflows Node's timers (which then fire at once); access tokens live minutes. */
const maxTimerMs = 2_147_483_647;

interface LiveClient {
  id: string;
  socket: WebSocket;
  username: string;
  sessionId: string;
  permissions: PermissionMap;
  connectedAt: string;
  /** Since when its data messages are dropped (it read too slowly), if they are. */
  behindSince: number | undefined;
  /** Closes the socket when its token expires. */
  expiry: NodeJS.Timeout | undefined;
}

export interface ConnectedUser {
  username: string;
  connected_at: string;
  connections: number;
}

/** TomatoPlan's `{ type, data, timestamp }` frame. */
function frame(type: string, data: Record<string, unknown>): string {
  return JSON.stringify({ type, data, timestamp: new Date().toISOString() });
}

/** TomatoPlan's `details`, without what the reader may not see (finance fields included in `changes`). */
function detailsOf(collection: CollectionName, change: CommittedChange, hidden: readonly string[]): Record<string, unknown> {
  const document = projectDocument(change.doc, hidden);
  const details: Record<string, unknown> = {};
  if (collection === 'missions') {
    details['date'] = document['date_mission'] ?? null;
    details['destination'] = document['destination'] ?? null;
  }
  if (change.action === 'updated') {
    details['changes'] = change.changed.filter((field) => !hidden.includes(field));
  }
  details['document'] = document;
  return details;
}

/**
 * TomatoPlan's live channel (`/ws`): who is connected, and a `data_changed` for every committed
 * write, whatever wrote it, to the sockets whose role may read the collection, without the fields
 * it may not read. A slow socket never holds more than `queueBytes`: past it, it gets one
 * `refresh_required` once it has caught up, and is cut if it stays behind for `stallMs`.
 */
export function createLiveHub({ events, auth, logger, limits }: { events: ReplicationEvents; auth: AuthService; logger: Logger; limits: LiveSocketLimits }) {
  const clients = new Map<string, LiveClient>();
  const slots = createStreamSlots(limits);
  let counter = 0;

  function connectedUsers(): ConnectedUser[] {
    const users = new Map<string, ConnectedUser>();
    for (const client of clients.values()) {
      const user = users.get(client.username);
      if (user) {
        user.connections += 1;
      } else {
        users.set(client.username, { username: client.username, connected_at: client.connectedAt, connections: 1 });
      }
    }
    return [...users.values()];
  }

  function send(client: LiveClient, message: string, droppable: boolean): void {
    if (client.socket.readyState !== client.socket.OPEN) {
      return;
    }
    if (droppable && (client.behindSince !== undefined || client.socket.bufferedAmount > limits.queueBytes)) {
      client.behindSince ??= Date.now();
      return;
    }
    client.socket.send(message);
  }

  function broadcast(message: string, except?: string): void {
    for (const client of clients.values()) {
      if (client.id !== except) {
        send(client, message, true);
      }
    }
  }

  function onCommit(batch: CommittedBatch): void {
    // One message per distinct view of the collection, shared by the sockets of that view.
    const views = new Map<string, string[]>();
    for (const client of clients.values()) {
      if (!canRead(batch.collection, client.permissions)) {
        continue;
      }
      const hidden = hiddenFields(batch.collection, client.permissions);
      const key = hidden.join(',');
      let messages = views.get(key);
      if (!messages) {
        messages = batch.changes.map((change) =>
          frame('data_changed', {
            entity: batch.collection,
            action: change.action,
            entity_id: change.id,
            changed_by: batch.actor,
            details: detailsOf(batch.collection, change, hidden),
          }),
        );
        views.set(key, messages);
      }
      for (const message of messages) {
        send(client, message, true);
      }
    }
  }

  function closeWith(client: LiveClient, { code, reason }: { code: number; reason: string }): void {
    clearTimeout(client.expiry);
    client.socket.close(code, reason);
  }

  const catchUp = setInterval(() => {
    const now = Date.now();
    for (const client of clients.values()) {
      if (client.behindSince === undefined) {
        continue;
      }
      if (client.socket.bufferedAmount === 0) {
        client.behindSince = undefined;
        send(client, frame('refresh_required', { entity: null, changed_by: null }), false);
      } else if (now - client.behindSince >= limits.stallMs) {
        logger.info({ user: client.username, behindMs: now - client.behindSince }, 'socket TomatoPlan coupé : le poste ne lit plus');
        client.socket.terminate();
      }
    }
  }, 250);
  catchUp.unref();

  const unsubscribes = [
    events.onCommit(onCommit),
    events.onRefresh((notice) => broadcast(frame('refresh_required', { entity: notice.entity, changed_by: notice.actor }))),
    auth.onSessionsRevoked((sessionIds) => {
      for (const client of clients.values()) {
        if (sessionIds.includes(client.sessionId)) {
          closeWith(client, liveCloseCodes.sessionClosed);
        }
      }
    }),
    auth.onSignIn((username) => broadcast(frame('user_connected', { username, timestamp: new Date().toISOString() }))),
  ];

  function handle(client: LiveClient, raw: string): void {
    let message: unknown;
    try {
      message = JSON.parse(raw);
    } catch {
      return;
    }
    const type = typeof message === 'object' && message !== null && 'type' in message ? message.type : undefined;
    if (type === 'ping') {
      send(client, JSON.stringify({ type: 'pong' }), false);
    } else if (type === 'get_users') {
      send(client, JSON.stringify({ type: 'connected_users', users: connectedUsers() }), false);
    } else if (type === 'broadcast') {
      const text = typeof message === 'object' && message !== null && 'message' in message ? String(message.message).slice(0, 2000) : '';
      broadcast(frame('user_message', { from: client.username, message: text }), client.id);
    }
  }

  return {
    /**
     * Takes a signed-in socket: tells the others, then greets it as TomatoPlan does; closes it when its
     * token expires. Past `perSession` sockets of its session (or `total` on the server), the new one
     * is refused: closing an older one instead would have the tabs of one session push each other out forever.
     */
    accept(socket: WebSocket, authenticated: Authenticated): void {
      const username = authenticated.user.username;
      const slot = slots.take(authenticated.session.id);
      if (typeof slot === 'string') {
        logger.info({ user: username, refusal: slot }, 'socket TomatoPlan refusé : trop de connexions');
        socket.close(liveCloseCodes[slot].code, liveCloseCodes[slot].reason);
        return;
      }
      counter += 1;
      const client: LiveClient = {
        id: `${username}_${counter}_${Date.now() / 1000}`,
        socket,
        username,
        sessionId: authenticated.session.id,
        permissions: authenticated.permissions,
        connectedAt: new Date().toISOString(),
        behindSince: undefined,
        expiry: undefined,
      };
      if (authenticated.tokenExpiresAtMs !== undefined) {
        const expiresInMs = authenticated.tokenExpiresAtMs - Date.now();
        client.expiry = setTimeout(() => closeWith(client, liveCloseCodes.tokenExpired), Math.min(Math.max(0, expiresInMs), maxTimerMs));
        client.expiry.unref();
      }
      clients.set(client.id, client);
      broadcast(frame('user_connected', { username, timestamp: new Date().toISOString() }), client.id);
      send(client, JSON.stringify({ type: 'connected_users', users: connectedUsers() }), false);
      send(client, JSON.stringify({ type: 'welcome', message: `Connecté en tant que ${username}`, client_id: client.id, connected_users: connectedUsers() }), false);
      socket.on('message', (data, isBinary) => {
        if (!isBinary) {
          handle(client, Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]).toString('utf8'));
        }
      });
      socket.on('error', (error) => logger.debug({ err: error, user: username }, 'socket TomatoPlan en erreur'));
      socket.on('close', () => {
        clearTimeout(client.expiry);
        slot.release();
        if (clients.delete(client.id)) {
          broadcast(frame('user_disconnected', { username, timestamp: new Date().toISOString() }));
        }
      });
    },

    /** TomatoPlan's `GET /ws/status`. */
    status(): { connected_clients: number; connected_users: number; users: ConnectedUser[] } {
      const users = connectedUsers();
      return { connected_clients: clients.size, connected_users: users.length, users };
    },

    close(): void {
      clearInterval(catchUp);
      for (const unsubscribe of unsubscribes) {
        unsubscribe();
      }
      for (const client of clients.values()) {
        closeWith(client, { code: 1001, reason: 'Arrêt du serveur' });
      }
    },
  };
}

export type LiveHub = ReturnType<typeof createLiveHub>;
