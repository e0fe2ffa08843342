import { uniteTarifValues } from '@relais/schema';
import type { Dispatch, ReactNode, SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import { newContactRow, newTarifRow, removeContact, setPrimary, type ContactRow, type TarifRow, type UniteTarif } from './sst-form';

interface RowsProps<Row> {
  rows: readonly Row[];
  onChange: Dispatch<SetStateAction<Row[]>>;
  /** The message of the list (the first problem of one of its rows). */
  error: string | undefined;
  readOnly?: boolean;
}

function patchRow<Row extends { id: string }>(rows: readonly Row[], id: string, patch: Partial<Row>): Row[] {
  return rows.map((row) => (row.id === id ? { ...row, ...patch } : row));
}

/**
 * A row's field under its own small label: with only a placeholder, a filled row no longer said
 * which box was the name or the function, and the tariff's two dates were never named on screen.
 */
function Cell({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="row-cell">
      <span className="row-cell-label">{label}</span>
      {children}
    </label>
  );
}

/** The contacts of a subcontractor: e-mail, name, function, and the one primary contact. */
export function ContactRows({ rows, onChange, error }: RowsProps<ContactRow>) {
  const { t } = useTranslation();
  const edit = (id: string, patch: Partial<ContactRow>): void => onChange((current) => patchRow(current, id, patch));
  return (
    <fieldset className="field span-4 rows-editor" data-testid="sst-contacts">
      <legend>{t('sst.fields.contacts')}</legend>
      {rows.map((row) => (
        <div key={row.id} className="row-line">
          <Cell label={t('sst.contact.email')}>
            <input type="email" value={row.email} maxLength={200} onChange={(event) => edit(row.id, { email: event.target.value })} />
          </Cell>
          <Cell label={t('sst.contact.nom_contact')}>
            <input type="text" value={row.nom_contact} maxLength={120} onChange={(event) => edit(row.id, { nom_contact: event.target.value })} />
          </Cell>
          <Cell label={t('sst.contact.fonction')}>
            <input type="text" value={row.fonction} maxLength={120} onChange={(event) => edit(row.id, { fonction: event.target.value })} />
          </Cell>
          <label className="checkbox">
            <input type="radio" name="sst-primary" checked={row.is_primary} onChange={() => onChange((current) => setPrimary(current, row.id))} />
            <span>{t('sst.contact.is_primary')}</span>
          </label>
          <button type="button" className="button small danger" onClick={() => onChange((current) => removeContact(current, row.id))}>
            {t('common.delete')}
          </button>
        </div>
      ))}
      {error ? <span className="field-error" role="alert">{error}</span> : null}
      <button type="button" className="button small" data-testid="sst-add-contact" onClick={() => onChange((current) => [...current, newContactRow(current.length === 0)])}>
        + {t('sst.contact.add')}
      </button>
    </fieldset>
  );
}

/** The tariffs of a subcontractor (finance only): destination, price in euros, unit, validity. */
export function TarifRows({ rows, onChange, error }: RowsProps<TarifRow>) {
  const { t } = useTranslation();
  const edit = (id: string, patch: Partial<TarifRow>): void => onChange((current) => patchRow(current, id, patch));
  return (
    <fieldset className="field span-4 rows-editor" data-testid="sst-tarifs">
      <legend>{t('sst.fields.tarifs')}</legend>
      {rows.map((row) => (
        <div key={row.id} className="row-line">
          <Cell label={t('sst.tarif.destination')}>
            <input type="text" value={row.destination} maxLength={120} onChange={(event) => edit(row.id, { destination: event.target.value })} />
          </Cell>
          <Cell label={t('sst.tarif.pays')}>
            <input type="text" value={row.pays} maxLength={60} onChange={(event) => edit(row.id, { pays: event.target.value })} />
          </Cell>
          <Cell label={t('sst.tarif.prix')}>
            <input type="text" inputMode="decimal" className="num" value={row.prix} onChange={(event) => edit(row.id, { prix: event.target.value })} />
          </Cell>
          <Cell label={t('sst.tarif.unite')}>
            <select value={row.unite} onChange={(event) => edit(row.id, { unite: event.target.value as UniteTarif })}>
              {uniteTarifValues.map((unite) => (
                <option key={unite} value={unite}>
                  {t(`sst.unite.${unite}`)}
                </option>
              ))}
            </select>
          </Cell>
          <Cell label={t('sst.tarif.date_debut')}>
            <input type="date" value={row.date_debut} onChange={(event) => edit(row.id, { date_debut: event.target.value })} />
          </Cell>
          <Cell label={t('sst.tarif.date_fin')}>
            <input type="date" value={row.date_fin} onChange={(event) => edit(row.id, { date_fin: event.target.value })} />
          </Cell>
          <button type="button" className="button small danger" onClick={() => onChange((current) => current.filter((item) => item.id !== row.id))}>
            {t('common.delete')}
          </button>
        </div>
      ))}
      {error ? <span className="field-error" role="alert">{error}</span> : null}
      <button type="button" className="button small" onClick={() => onChange((current) => [...current, newTarifRow()])}>
        + {t('sst.tarif.add')}
      </button>
    </fieldset>
  );
}
