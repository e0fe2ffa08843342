import { canRead, hiddenFields, projectDocument, type PermissionMap } from '@relais/domain';
import type { CollectionName } from '@relais/schema';
import type { WebSocket } from 'ws';
import type { Authenticated, AuthService } from '../auth/service';
import type { Logger } from '../logger';
import type { CommittedBatch, CommittedChange, ReplicationEvents } from '../replication/events';

/** What bounds one socket: bytes waiting for it, and how long it may take nothing. */
export interface LiveSocketLimits {
  /** Past this many bytes buffered for a socket, its data messages are dropped for one `refresh_required`. */
  queueBytes: number;
  /** A socket that stays behind this long is cut; its client reconnects. */
  stallMs: number;
}

interface LiveClient {
  id: string;
  socket: WebSocket;
  username: string;
  sessionId: string;
  permissions: PermissionMap;
  connectedAt: string;
  /** Since when its data messages are dropped (it read too slowly), if they are. */
  behindSince: number | undefined;
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
          client.socket.close(4003, 'Session fermée');
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
    /** Takes a signed-in socket: tells the others, then greets it as TomatoPlan does. */
    accept(socket: WebSocket, authenticated: Authenticated): void {
      counter += 1;
      const username = authenticated.user.username;
      const client: LiveClient = {
        id: `${username}_${counter}_${Date.now() / 1000}`,
        socket,
        username,
        sessionId: authenticated.session.id,
        permissions: authenticated.permissions,
        connectedAt: new Date().toISOString(),
        behindSince: undefined,
      };
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
        client.socket.close(1001, 'Arrêt du serveur');
      }
    },
  };
}

export type LiveHub = ReturnType<typeof createLiveHub>;
