import { useTranslation } from 'react-i18next';
import { translateKey } from '../i18n';
import { isValidDay } from '../ui/format';
import { actionLabel, actionsFor } from './activity-actions';
import { activityCollections, noFilters, type ActivityCollection, type ActivityFilters } from './activity-query';

interface ActivityFilterBarProps {
  filters: ActivityFilters;
  /** The user field as typed; applied to `filters` after a short pause. */
  userDraft: string;
  onUserDraft: (user: string) => void;
  onChange: (next: ActivityFilters) => void;
}

function isCollection(value: string): value is ActivityCollection {
  return (activityCollections as readonly string[]).includes(value);
}

/** The day of a date input, or “any” while it is empty or incomplete. */
function dayOrAny(value: string): string {
  return isValidDay(value) ? value : '';
}

/** The filters of the log: user, collection, action, and a range of days. */
export function ActivityFilterBar({ filters, userDraft, onUserDraft, onChange }: ActivityFilterBarProps) {
  const { t } = useTranslation();
  const labels = t('activity.actions', { returnObjects: true });
  const actions = actionsFor(filters.collection);

  const changeCollection = (value: string): void => {
    const collection = isCollection(value) ? value : '';
    // An action of the other kind (a sign-in for missions) would match nothing.
    const action = (actionsFor(collection) as readonly string[]).includes(filters.action) ? filters.action : '';
    onChange({ ...filters, collection, action });
  };

  return (
    <form className="activity-filters" aria-label={t('activity.filters.label')} onSubmit={(event) => event.preventDefault()}>
      <label className="activity-filter">
        <span>{t('activity.filters.user')}</span>
        <input
          type="search"
          data-testid="activity-filter-user"
          placeholder={t('activity.filters.userPlaceholder')}
          autoComplete="off"
          spellCheck={false}
          value={userDraft}
          onChange={(event) => onUserDraft(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              onChange({ ...filters, user: userDraft });
            }
          }}
        />
      </label>
      <label className="activity-filter">
        <span>{t('activity.filters.collection')}</span>
        <select data-testid="activity-filter-collection" value={filters.collection} onChange={(event) => changeCollection(event.target.value)}>
          <option value="">{t('activity.filters.all')}</option>
          {activityCollections.map((collection) => (
            <option key={collection} value={collection}>
              {translateKey(`activity.collections.${collection}`, collection)}
            </option>
          ))}
        </select>
      </label>
      <label className="activity-filter">
        <span>{t('activity.filters.action')}</span>
        <select data-testid="activity-filter-action" value={filters.action} onChange={(event) => onChange({ ...filters, action: event.target.value })}>
          <option value="">{t('activity.filters.all')}</option>
          {actions.map((action) => (
            <option key={action} value={action}>
              {actionLabel(action, labels)}
            </option>
          ))}
        </select>
      </label>
      <label className="activity-filter">
        <span>{t('activity.filters.from')}</span>
        <input
          type="date"
          data-testid="activity-filter-from"
          value={filters.from}
          max={filters.to || undefined}
          onChange={(event) => onChange({ ...filters, from: dayOrAny(event.target.value) })}
        />
      </label>
      <label className="activity-filter">
        <span>{t('activity.filters.to')}</span>
        <input
          type="date"
          data-testid="activity-filter-to"
          value={filters.to}
          min={filters.from || undefined}
          onChange={(event) => onChange({ ...filters, to: dayOrAny(event.target.value) })}
        />
      </label>
      <button
        type="button"
        className="button ghost"
        disabled={userDraft === '' && Object.entries(filters).every(([name, value]) => value === noFilters[name as keyof ActivityFilters])}
        onClick={() => {
          onUserDraft('');
          onChange(noFilters);
        }}
      >
        {t('activity.filters.reset')}
      </button>
    </form>
  );
}
