import { useTranslation } from 'react-i18next';
import { translateKey } from '../i18n';
import { listOf, logLevelChoices, mfaRoleChoices, type FormValue, type SettingKind } from './config-form';

interface ConfigSettingInputProps {
  name: string;
  kind: SettingKind;
  value: FormValue;
  /** For a secret: whether one is set on the server (never its value). */
  isSet: boolean;
  onChange: (value: FormValue) => void;
}

/** The input of one runtime setting, by kind. */
export function ConfigSettingInput({ name, kind, value, isSet, onChange }: ConfigSettingInputProps) {
  const { t } = useTranslation();
  const id = `setting-${name}`;
  switch (kind) {
    case 'level':
      return (
        <select id={id} value={String(value)} onChange={(event) => onChange(event.target.value)}>
          {logLevelChoices.map((level) => (
            <option key={level} value={level}>
              {t(`admin.logs.levels.${level}`)}
            </option>
          ))}
        </select>
      );
    case 'flag':
      return (
        <label className="checkbox">
          <input id={id} type="checkbox" checked={value === true} onChange={(event) => onChange(event.target.checked)} />
          <span>{t('admin.config.enabled')}</span>
        </label>
      );
    case 'roles': {
      const chosen = listOf(value);
      return (
        <div className="checkbox-row" id={id}>
          {mfaRoleChoices.map((role) => (
            <label key={role} className="checkbox">
              <input
                type="checkbox"
                checked={chosen.includes(role)}
                onChange={(event) => onChange(event.target.checked ? [...chosen, role] : chosen.filter((item) => item !== role))}
              />
              <span>{translateKey(`roles.${role}`, role)}</span>
            </label>
          ))}
        </div>
      );
    }
    case 'secret':
      return (
        <input
          id={id}
          type="password"
          autoComplete="new-password"
          value={String(value)}
          placeholder={isSet ? t('admin.config.secretSet') : t('admin.config.secretUnset')}
          onChange={(event) => onChange(event.target.value)}
        />
      );
    case 'number':
      return <input id={id} inputMode="numeric" value={String(value)} onChange={(event) => onChange(event.target.value)} />;
    case 'list':
    case 'text':
    case 'optionalText':
      return (
        <input
          id={id}
          value={String(value)}
          placeholder={kind === 'list' ? t('admin.config.listHint') : undefined}
          onChange={(event) => onChange(event.target.value)}
        />
      );
  }
}
