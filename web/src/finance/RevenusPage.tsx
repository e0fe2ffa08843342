import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useMayEdit } from '../auth/use-session';
import { useDatabase, useQueryResults } from '../sync/hooks';
import { formatDayNumeric } from '../ui/document-names';
import { formatEuros } from '../ui/format';
import { ListPage, RowActions } from '../ui/ListPage';
import { RevenuForm } from './RevenuForm';

/** What a pallet earns per destination, for `view_finance` (written with `manage_sst`). */
export function RevenusPage() {
  const { t, i18n } = useTranslation();
  const editable = useMayEdit('revenus_palettes');
  const db = useDatabase();
  const query = useMemo(() => db.revenus_palettes.find({ sort: [{ destination: 'asc' }] }), [db]);
  const revenus = useQueryResults(query);

  return (
    <ListPage
      editable={editable}
      title={t('revenus.title')}
      toolbar={<span className="toolbar-info muted">{revenus ? t('revenus.count', { n: revenus.length }) : null}</span>}
      newLabel={t('revenus.new')}
      newTestId="revenu-new"
      columns={
        <>
          <th>{t('revenus.fields.destination')}</th>
          <th>{t('revenus.fields.pays')}</th>
          <th className="num">{t('revenus.fields.revenu_par_palette')}</th>
          <th>{t('revenus.fields.date_debut')}</th>
          <th>{t('revenus.fields.date_fin')}</th>
        </>
      }
      items={revenus}
      renderRow={(revenu, edit) => (
        <tr key={revenu.id} data-id={revenu.id}>
          <td>
            <strong>{revenu.destination}</strong>
          </td>
          <td>{revenu.pays ?? ''}</td>
          <td className="num">{formatEuros(revenu.revenu_par_palette, i18n.language)}</td>
          <td className="mono">{revenu.date_debut ? formatDayNumeric(revenu.date_debut, i18n.language) : ''}</td>
          <td className="mono">{revenu.date_fin ? formatDayNumeric(revenu.date_fin, i18n.language) : ''}</td>
          <RowActions
            editable={editable}
            doc={revenu}
            onEdit={edit}
            deleteQuestion={() => t('revenus.deleteConfirm', { destination: revenu.destination })}
            deleteFailedLog="suppression du revenu par palette impossible"
          />
        </tr>
      )}
      emptyText={t('revenus.empty')}
      renderDialog={(doc, close) => <RevenuForm doc={doc} onClose={close} />}
    />
  );
}
