import type { Role } from '@relais/domain';
import { expect } from 'vitest';
import { addUser, authTestApp, call, signIn, type AuthTestApp } from '../test-support/auth';

export type Body = Record<string, unknown>;

export interface ApiTest extends AuthTestApp {
  tokens: Record<Role, string>;
  /** A JSON request as `role`; answers the status and the parsed body. */
  as(role: Role, method: string, path: string, body?: unknown): Promise<{ status: number; body: Body & Body[] }>;
  /** Like `as`, but fails the test unless the status is the expected one. */
  ok(role: Role, method: string, path: string, body?: unknown, status?: number): Promise<Body & Body[]>;
}

/** The app with one signed-in user per role (`ADMIN`, `PLANNER`…), like TomatoPlan's Windows clients. */
export async function apiTest(): Promise<ApiTest> {
  const relais = authTestApp();
  const roles: Role[] = ['viewer', 'planner', 'planner_advanced', 'driver_admin', 'finance', 'analyse', 'admin'];
  const tokens = {} as Record<Role, string>;
  for (const role of roles) {
    await addUser(relais.auth, { username: role.toUpperCase(), role });
    tokens[role] = (await signIn(relais.app, role)).token;
  }
  const as: ApiTest['as'] = async (role, method, path, body) => {
    const response = await call(relais.app, method, path, { token: tokens[role], body });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as Body & Body[] };
  };
  const ok: ApiTest['ok'] = async (role, method, path, body, status = 200) => {
    const response = await as(role, method, path, body);
    expect(response.status, JSON.stringify(response.body)).toBe(status);
    return response.body;
  };
  return { ...relais, tokens, as, ok };
}

/** A voyage and a chauffeur as an admin creates them, for the mission tests. */
export async function seedPlanning(api: ApiTest): Promise<{ voyage: Body; chauffeur: Body }> {
  const voyage = await api.ok('admin', 'POST', '/voyages', { code: 'PAR1', nom: 'Paris matin', destination: 'Paris', jours_operation: ['lundi', 'mercredi'], heure_depart_defaut: '05:00' }, 201);
  const chauffeur = await api.ok('admin', 'POST', '/chauffeurs', { code: 'DUP', nom: 'Dupont', prenom: 'Jean', permis: 'CE' }, 201);
  return { voyage, chauffeur };
}
