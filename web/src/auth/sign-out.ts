import { stopRelais } from '../sync/relais-sync';
import { session } from './session';

/**
 * Signs out: replication stops, the server closes the session (later if it cannot be reached), and
 * with `wipe` the local replicas and the remembered user are removed from this device (shared PC).
 * Without it, the local data stays for the next sign-in of the same user.
 */
export async function signOut({ wipe }: { wipe: boolean }): Promise<void> {
  // Started first: the replica is detached before the screens leave it.
  const stopping = stopRelais({ wipe });
  const leaving = session.signOut({ forget: wipe });
  await Promise.all([stopping, leaving]);
}
