import { EventEmitter } from 'node:events';
import { permissionsOf } from '@relais/domain';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import type { Authenticated, AuthService } from '../auth/service';
import { createReplicationEvents } from '../replication/events';
import { createLiveHub } from './live-hub';

/** A socket whose send buffer the test fills and drains (`bufferedAmount`), as a slow reader's. */
class FakeSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  bufferedAmount = 0;
  sent: string[] = [];
  terminated = false;
  send(message: string): void {
    this.sent.push(message);
    this.bufferedAmount += Buffer.byteLength(message);
  }
  close(): void {
    this.readyState = 3;
    this.emit('close');
  }
  terminate(): void {
    this.terminated = true;
    this.close();
  }
}

const auth = { onSessionsRevoked: () => () => undefined, onSignIn: () => () => undefined } as unknown as AuthService;
const planner = { user: { username: 'PLANIF' }, session: { id: 's1' }, permissions: permissionsOf('planner') } as unknown as Authenticated;

function commit(events: ReturnType<typeof createReplicationEvents>, index: number): void {
  const doc = { id: `m${index}`, rev: 1, updated_at: '2030-01-07T06:00:00.000Z', _deleted: false, date_mission: '2030-01-07', destination: 'Lyon', cout_sst: 100, revenu: 200 };
  events.committed({ collection: 'missions', actor: 'ADMIN', source: 'rest', changes: [{ id: doc.id, action: 'created', doc, changed: [], seq: index }] });
}

describe('TomatoPlan live hub', () => {
  it('bounds what a slow socket holds: past the cap it drops data messages, then sends one refresh_required once drained', async () => {
    const events = createReplicationEvents();
    const hub = createLiveHub({ events, auth, logger: pino({ level: 'silent' }), limits: { queueBytes: 4096, stallMs: 60_000 } });
    const socket = new FakeSocket();
    hub.accept(socket as unknown as WebSocket, planner);
    const greeting = socket.sent.length;
    for (let index = 0; index < 1000; index += 1) {
      commit(events, index);
    }
    const kept = socket.sent.slice(greeting);
    // A few messages fit under the cap; the other ~990 were never queued.
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(20);
    expect(socket.bufferedAmount).toBeLessThan(4096 + 2048);
    expect(kept.join('')).not.toMatch(/cout_sst|revenu/);

    socket.bufferedAmount = 0;
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(JSON.parse(socket.sent.at(-1) ?? '{}')).toMatchObject({ type: 'refresh_required', data: { entity: null } });
    commit(events, 1000);
    expect(JSON.parse(socket.sent.at(-1) ?? '{}')).toMatchObject({ type: 'data_changed', data: { entity_id: 'm1000' } });
    hub.close();
  });

  it('cuts a socket that stays behind past stallMs', async () => {
    const events = createReplicationEvents();
    const hub = createLiveHub({ events, auth, logger: pino({ level: 'silent' }), limits: { queueBytes: 1024, stallMs: 300 } });
    const socket = new FakeSocket();
    hub.accept(socket as unknown as WebSocket, planner);
    for (let index = 0; index < 100; index += 1) {
      commit(events, index);
    }
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(socket.terminated).toBe(true);
    expect(hub.status().connected_clients).toBe(0);
    hub.close();
  });
});
