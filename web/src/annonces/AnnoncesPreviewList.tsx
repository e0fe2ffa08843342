import { useTranslation } from 'react-i18next';
import type { AnnoncesPreview } from './annonces-api';
import { toggled } from './selection';

interface Props {
  preview: AnnoncesPreview;
  selected: ReadonlySet<string>;
  disabled: boolean;
  onSelect: (selected: Set<string>) => void;
}

/** Who would get what: one row per subcontractor to notify, then the ones left out and why. */
export function AnnoncesPreviewList({ preview, selected, disabled, onSelect }: Props) {
  const { t } = useTranslation();
  const allIds = preview.items.map((item) => item.sst_id);
  const allChecked = allIds.length > 0 && allIds.every((id) => selected.has(id));
  return (
    <>
      {preview.items.length === 0 ? (
        <p className="empty" data-testid="annonces-preview-empty">
          {t('annonces.previewEmpty')}
        </p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="annonces-preview">
            <thead>
              <tr>
                <th>
                  <input
                    type="checkbox"
                    aria-label={t('annonces.selectAll')}
                    checked={allChecked}
                    disabled={disabled}
                    onChange={() => onSelect(allChecked ? new Set() : new Set(allIds))}
                  />
                </th>
                <th>{t('annonces.sst')}</th>
                <th>{t('annonces.recipients')}</th>
                <th>{t('annonces.subject')}</th>
                <th>{t('annonces.missions')}</th>
              </tr>
            </thead>
            <tbody>
              {preview.items.map((item) => (
                <tr key={item.sst_id} data-testid="annonces-preview-row" data-sst={item.sst_code}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={item.sst_nom}
                      checked={selected.has(item.sst_id)}
                      disabled={disabled}
                      onChange={() => onSelect(toggled(selected, item.sst_id))}
                    />
                  </td>
                  <td>
                    <strong>{item.sst_nom}</strong> <span className="muted">{item.sst_code}</span>
                  </td>
                  <td>{item.recipients.join(', ')}</td>
                  <td>{item.subject}</td>
                  <td title={item.missions.map((mission) => `${mission.heure_debut} ${mission.destination}`).join('\n')}>{item.nb_missions}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {preview.skipped.length > 0 ? (
        <div className="annonces-skipped" data-testid="annonces-skipped">
          <h3>{t('annonces.skippedTitle')}</h3>
          <ul>
            {preview.skipped.map((entry) => (
              <li key={entry.sst_id} data-reason={entry.reason}>
                <strong>{entry.sst_nom}</strong> — {t(`annonces.reason.${entry.reason}`)}
                {entry.nb_missions > 0 ? ` (${entry.nb_missions})` : ''}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  );
}
