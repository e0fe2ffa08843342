import { createSmtpMailer } from '../auth/mailer';
import type { AuthService } from '../auth/service';
import type { RuntimeSettingKey } from '../config';
import type { Logger } from '../logger';
import type { Scheduler } from '../scheduler/scheduler';
import type { RuntimeConfig } from './runtime-config';

const smtpKeys: readonly RuntimeSettingKey[] = ['RELAIS_SMTP_HOST', 'RELAIS_SMTP_PORT', 'RELAIS_SMTP_SECURE', 'RELAIS_SMTP_USER', 'RELAIS_SMTP_PASSWORD', 'RELAIS_SMTP_FROM'];

/** Applies each runtime setting change to the service it concerns, without restart. */
export function applyRuntimeChanges({ runtime, logger, auth, scheduler }: { runtime: RuntimeConfig; logger: Logger; auth: AuthService; scheduler: Scheduler }): () => void {
  return runtime.onChange((config, changed) => {
    const has = (...keys: RuntimeSettingKey[]): boolean => keys.some((key) => changed.includes(key));
    if (has('RELAIS_LOG_LEVEL')) {
      logger.level = config.RELAIS_LOG_LEVEL;
    }
    if (has('RELAIS_MFA_REQUIRED_ROLES', 'RELAIS_TRUSTED_PROXY_HEADER', 'RELAIS_TRUSTED_PROXY_ADDRESSES')) {
      auth.updateSettings({
        mfaRequiredRoles: config.RELAIS_MFA_REQUIRED_ROLES,
        trustedProxyHeader: config.RELAIS_TRUSTED_PROXY_HEADER,
        trustedProxyAddresses: config.RELAIS_TRUSTED_PROXY_ADDRESSES,
      });
    }
    if (has(...smtpKeys)) {
      auth.setMailer(createSmtpMailer(config));
    }
    if (has('RELAIS_JOBS_TIMEZONE', 'RELAIS_JOB_SCHEDULES')) {
      scheduler.reschedule();
    }
    logger.info({ settings: changed }, 'réglages modifiés appliqués');
  });
}
