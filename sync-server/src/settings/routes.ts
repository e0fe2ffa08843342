import { adminConfigUpdateSchema, type AdminConfigResponse } from '@relais/schema';
import { Hono, type Context } from 'hono';
import { parseBody, requestOrigin } from '../auth/http';
import { authMiddleware, type AuthEnv } from '../auth/middleware';
import type { AuthService } from '../auth/service';
import { configKeys, secretKeys } from '../config';
import { backupSettingsFromConfig } from '../backup/settings';
import { autoBackupJobName } from '../scheduler/jobs';
import { scheduleOff } from '../scheduler/cron';
import type { Scheduler } from '../scheduler/scheduler';
import { version } from '../version';
import { editableSettingNames, settingName, shownValue, type RuntimeConfig, type SettingChange } from './runtime-config';

/** The hour of a daily schedule (`0 2 * * *` → 2), as TomatoPlan's `auto_backup_hour`; null for any other shape. */
export function dailyHour(schedule: string): number | null {
  const fields = schedule.trim().split(/\s+/);
  const [minute, hour, ...rest] = fields;
  if (fields.length !== 5 || !/^\d+$/.test(minute ?? '') || !/^\d+$/.test(hour ?? '') || rest.some((field) => field !== '*')) {
    return null;
  }
  return Number(hour);
}

/**
 * `/admin/config`, administrators only (`admin_access`): the configuration in force (secrets
 * masked), the runtime settings changed with the same validation as the environment and applied at
 * once, each change in the activity log with its before and after.
 */
export function configRoutes({ auth, runtime, scheduler }: { auth: AuthService; runtime: RuntimeConfig; scheduler: Scheduler }): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const { requirePermission } = authMiddleware(auth);
  app.use('*', requirePermission('admin_access'));

  function describe(): AdminConfigResponse {
    const config = runtime.current();
    const backup = scheduler.has(autoBackupJobName) ? scheduler.job(autoBackupJobName).schedule : scheduleOff;
    return {
      app_name: 'Relais',
      app_version: version,
      host: config.RELAIS_HOST,
      port: config.RELAIS_PORT,
      database_path: config.RELAIS_DATABASE_PATH,
      log_level: config.RELAIS_LOG_LEVEL,
      backup_dir: backupSettingsFromConfig(config).dir,
      backup_retention_days: config.RELAIS_BACKUP_RETENTION_DAYS,
      auto_backup_enabled: backup !== scheduleOff,
      auto_backup_hour: backup === scheduleOff ? null : dailyHour(backup),
      settings: Object.fromEntries(configKeys.map((key) => [settingName(key), shownValue(key, config[key])])),
      editable: [...editableSettingNames],
      overridden: runtime.overridden(),
      secrets: secretKeys.map(settingName),
    };
  }

  function logChanges(c: Context<AuthEnv>, changes: SettingChange[]): void {
    if (changes.length === 0) {
      return;
    }
    const authenticated = c.get('auth');
    auth.repo.logEvent({
      at: auth.iso(),
      actor: authenticated.user.username,
      action: 'config_changed',
      target: changes.map((change) => change.name).join(', '),
      sessionId: authenticated.session.id,
      origin: requestOrigin(c, auth.fromTrustedProxy, authenticated.session.hostname),
      details: { changes },
    });
  }

  app.get('/', (c) => c.json(describe()));

  app.put('/', async (c) => {
    const body = await parseBody(c, adminConfigUpdateSchema);
    logChanges(c, runtime.update(body, c.get('auth').user.username));
    return c.json(describe());
  });

  app.delete('/:name', (c) => {
    logChanges(c, runtime.reset(c.req.param('name')));
    return c.json(describe());
  });

  return app;
}
