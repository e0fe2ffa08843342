import { canRead, type PermissionMap } from '@relais/domain';
import type { CollectionName, SessionUser } from '@relais/schema';
import { createContext, useContext, useSyncExternalStore } from 'react';
import { mayEdit } from './permissions';
import { session } from './session';
import type { SessionState } from './session-store';

export function useSessionState(): SessionState {
  return useSyncExternalStore(session.subscribe, session.getState);
}

/** The signed-in user as the app's screens see it. */
export interface SignedInSession {
  user: SessionUser;
  permissions: PermissionMap;
  /** False while working offline on the remembered session (the token will be renewed). */
  hasToken: boolean;
}

export const SignedInContext = createContext<SignedInSession | null>(null);

export function useSignedIn(): SignedInSession {
  const signedIn = useContext(SignedInContext);
  if (!signedIn) {
    throw new Error('useSignedIn : composant hors de <SignedInContext>');
  }
  return signedIn;
}

/** Whether the screens offer to create, edit and delete in `collection`. */
export function useMayEdit(collection: CollectionName): boolean {
  return mayEdit(collection, useSignedIn().permissions);
}

export function useMayRead(collection: CollectionName): boolean {
  return canRead(collection, useSignedIn().permissions);
}
