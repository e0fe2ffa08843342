import { EventEmitter } from 'node:events';
import { permissionsOf } from '@relais/domain';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import type { Authenticated, AuthService } from '../auth/service';
import { createReplicationEvents } from '../replication/events';
import { createLiveHub, liveCloseCodes } from './live-hub';

/** A socket whose send buffer the test fills and drains (`bufferedAmount`), as a slow reader's. */
class FakeSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  bufferedAmount = 0;
  sent: string[] = [];
  terminated = false;
  closedWith: { code: number; reason: string } | undefined;
  send(message: string): void {
    this.sent.push(message);
    this.bufferedAmount += Buffer.byteLength(message);
  }
  close(code = 1005, reason = ''): void {
    this.closedWith = { code, reason };
    this.readyState = 3;
    this.emit('close');
  }
  terminate(): void {
    this.terminated = true;
    this.close();
  }
}

const limits = { queueBytes: 4096, stallMs: 60_000, perSession: 8, total: 500 };
const auth = { onSessionsRevoked: () => () => undefined, onSignIn: () => () => undefined } as unknown as AuthService;
const planner = { user: { username: 'PLANIF' }, session: { id: 's1' }, permissions: permissionsOf('planner') } as unknown as Authenticated;

function commit(events: ReturnType<typeof createReplicationEvents>, index: number): void {
  const doc = { id: `m${index}`, rev: 1, updated_at: '2030-01-07T06:00:00.000Z', _deleted: false, date_mission: '2030-01-07', destination: 'Lyon', cout_sst: 100, revenu: 200 };
  events.committed({ collection: 'missions', actor: 'ADMIN', source: 'rest', changes: [{ id: doc.id, action: 'created', doc, changed: [], seq: index }] });
}

describe('TomatoPlan live hub', () => {
  it('bounds what a slow socket holds: past the cap it drops data messages, then sends one refresh_required once drained', async () => {
    const events = createReplicationEvents();
    const hub = createLiveHub({ events, auth, logger: pino({ level: 'silent' }), limits: { ...limits, queueBytes: 4096 } });
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
    const hub = createLiveHub({ events, auth, logger: pino({ level: 'silent' }), limits: { ...limits, queueBytes: 1024, stallMs: 300 } });
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

  it('refuses a socket past perSession for its session (4008), past total for the server (4009), and takes one again once a socket closed', () => {
    const hub = createLiveHub({ events: createReplicationEvents(), auth, logger: pino({ level: 'silent' }), limits: { ...limits, perSession: 3, total: 4 } });
    const tabs = [new FakeSocket(), new FakeSocket(), new FakeSocket()];
    for (const tab of tabs) {
      hub.accept(tab as unknown as WebSocket, planner);
    }
    const fourthTab = new FakeSocket();
    hub.accept(fourthTab as unknown as WebSocket, planner);
    expect(fourthTab.closedWith).toEqual(liveCloseCodes.session);
    expect(fourthTab.sent).toEqual([]);
    expect(tabs.map((tab) => tab.closedWith)).toEqual([undefined, undefined, undefined]);

    const otherSession = { ...planner, session: { id: 's2' } } as Authenticated;
    const other = new FakeSocket();
    hub.accept(other as unknown as WebSocket, otherSession);
    expect(other.closedWith).toBeUndefined();
    const pastTotal = new FakeSocket();
    hub.accept(pastTotal as unknown as WebSocket, { ...planner, session: { id: 's3' } } as Authenticated);
    expect(pastTotal.closedWith).toEqual(liveCloseCodes.server);
    expect(hub.status().connected_clients).toBe(4);

    tabs[0]?.close(1000, 'onglet fermé');
    const reopened = new FakeSocket();
    hub.accept(reopened as unknown as WebSocket, planner);
    expect(reopened.closedWith).toBeUndefined();
    expect(JSON.parse(reopened.sent.at(-1) ?? '{}')).toMatchObject({ type: 'welcome' });
    hub.close();
  });

  it('closes a socket with 4001 when the token it signed in with expires', async () => {
    const hub = createLiveHub({ events: createReplicationEvents(), auth, logger: pino({ level: 'silent' }), limits });
    const shortLived = new FakeSocket();
    const longLived = new FakeSocket();
    hub.accept(shortLived as unknown as WebSocket, { ...planner, tokenExpiresAtMs: Date.now() + 200 });
    hub.accept(longLived as unknown as WebSocket, { ...planner, tokenExpiresAtMs: Date.now() + 3_600_000 });
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(shortLived.closedWith).toEqual(liveCloseCodes.tokenExpired);
    expect(longLived.closedWith).toBeUndefined();
    expect(hub.status().connected_clients).toBe(1);
    hub.close();
    expect(longLived.closedWith?.code).toBe(1001);
  });

  it("closes the sockets of a revoked session with 4003, and only those", () => {
    let revoke: (sessionIds: string[]) => void = () => undefined;
    const revoking = { ...auth, onSessionsRevoked: (listener: (sessionIds: string[]) => void) => ((revoke = listener), () => undefined) } as unknown as AuthService;
    const hub = createLiveHub({ events: createReplicationEvents(), auth: revoking, logger: pino({ level: 'silent' }), limits });
    const kicked = new FakeSocket();
    const kept = new FakeSocket();
    hub.accept(kicked as unknown as WebSocket, planner);
    hub.accept(kept as unknown as WebSocket, { ...planner, session: { id: 's2' } } as Authenticated);
    revoke(['s1']);
    expect(kicked.closedWith).toEqual(liveCloseCodes.sessionClosed);
    expect(kept.closedWith).toBeUndefined();
    expect(hub.status().connected_clients).toBe(1);
    hub.close();
  });
});
