import type { ActivityCollection } from './activity-query';

/**
 * What the server's write path records for a document (see sync-server/src/replication/store.ts):
 * `force` is a blocking planning conflict kept with its reason.
 */
export const documentActions = ['create', 'update', 'delete', 'refused', 'force'] as const;

/** What the identity half of the log records (sync-server/src/auth: service, admin-service, bootstrap; the SST announcements; the WMS connections). */
export const authActions = [
  'login',
  'login_mfa',
  'login_legacy_windows',
  'login_trusted_proxy',
  'login_failed',
  'login_locked',
  'account_locked',
  'mfa_sent',
  'mfa_failed',
  'logout',
  'password_changed',
  'password_change_failed',
  'password_reset',
  'user_created',
  'user_updated',
  'user_deactivated',
  'user_disconnected',
  'session_kicked',
  'sessions_kicked_all',
  'annonce_sst',
  'annonce_sst_echec',
  'wms_connection_created',
  'wms_connection_updated',
  'wms_connection_deleted',
] as const;

export type ActivityAction = (typeof documentActions)[number] | (typeof authActions)[number];

export const activityActions: readonly ActivityAction[] = [...documentActions, ...authActions];

/** The actions worth offering in the filter once a collection is chosen. */
export function actionsFor(collection: ActivityCollection | ''): readonly ActivityAction[] {
  if (collection === '') {
    return activityActions;
  }
  return collection === 'auth' ? authActions : documentActions;
}

/** The label of an action; an action this version does not know yet shows as the server wrote it. */
export function actionLabel(action: string, labels: Readonly<Record<ActivityAction, string>>): string {
  return Object.hasOwn(labels, action) ? labels[action as ActivityAction] : action;
}
