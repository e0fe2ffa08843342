import type { WmsConnectionView, WmsExportDefinition, WmsExportInput } from '@relais/schema';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { scheduleIssue } from '../../admin/cron-check';
import type { FieldMessage } from '../../i18n/errors';
import { Field } from '../../ui/Field';
import { FormDialog } from '../../ui/FormDialog';
import { errorMessage } from './errors';

interface Props {
  connection: WmsConnectionView;
  onCreate: (input: WmsExportInput) => Promise<WmsExportDefinition>;
  onClose: (created: WmsExportDefinition | null) => void;
}

interface Values {
  name: string;
  source: 'table' | 'query';
  table: string;
  query: string;
  separator: ';' | ',';
  format: 'fr' | 'iso';
  schedule: string;
  folder: string;
}

const required: FieldMessage = { key: 'validation.required' };

/**
 * A saved export: a table, or a read-only SELECT the server checks (its French reason is shown when
 * it refuses one), with its separator, French or ISO dates and decimals, and an optional schedule.
 */
export function WmsExportDialog({ connection, onCreate, onClose }: Props) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Values>({
    name: '',
    source: 'table',
    table: connection.tables[0] ?? '',
    query: '',
    separator: ';',
    format: 'fr',
    schedule: 'off',
    folder: '',
  });
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const set = <K extends keyof Values>(key: K, value: Values[K]): void => setValues((current) => ({ ...current, [key]: value }));

  const cron = scheduleIssue(values.schedule);
  const errors: Partial<Record<keyof Values, FieldMessage>> = {
    ...(values.name.trim() === '' ? { name: required } : {}),
    ...(values.source === 'table' && values.table.trim() === '' ? { table: required } : {}),
    ...(values.source === 'query' && values.query.trim() === '' ? { query: required } : {}),
    ...(cron ? { schedule: { key: 'validation.invalid' } } : {}),
  };
  const shown = (key: keyof Values): FieldMessage | undefined => (submitted ? errors[key] : undefined);
  const invalid = Object.keys(errors).length > 0;

  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    setSubmitted(true);
    if (invalid || saving) {
      return;
    }
    setSaving(true);
    setSaveError(null);
    const input: WmsExportInput = {
      name: values.name.trim(),
      table: values.source === 'table' ? values.table.trim() : null,
      query: values.source === 'query' ? values.query.trim() : null,
      separator: values.separator,
      format: values.format,
      schedule: values.schedule.trim(),
      folder: values.folder.trim() === '' ? null : values.folder.trim(),
    };
    onCreate(input).then(
      (created) => onClose(created),
      (error: unknown) => {
        setSaveError(errorMessage(error, t));
        setSaving(false);
      },
    );
  };

  return (
    <FormDialog title={t('wms.exportTitle')} form={{ submit, saving, saveError, invalid: submitted && invalid }} onCancel={() => onClose(null)} saveTestId="wms-export-save">
      <Field label={t('wms.exportName')} htmlFor="wms-export-name" error={shown('name')} span={2}>
        <input id="wms-export-name" value={values.name} autoComplete="off" onChange={(event) => set('name', event.target.value)} />
      </Field>
      <Field label={t('wms.exportSource')} htmlFor="wms-export-source" span={2}>
        <select id="wms-export-source" value={values.source} onChange={(event) => set('source', event.target.value === 'query' ? 'query' : 'table')}>
          <option value="table">{t('wms.sourceTable')}</option>
          <option value="query">{t('wms.sourceQuery')}</option>
        </select>
      </Field>
      {values.source === 'table' ? (
        <Field label={t('wms.table')} htmlFor="wms-export-table" error={shown('table')} span={4} hint={connection.tables.length === 0 ? t('wms.tableHint') : undefined}>
          {connection.tables.length > 0 ? (
            <select id="wms-export-table" value={values.table} onChange={(event) => set('table', event.target.value)}>
              {connection.tables.map((table) => (
                <option key={table} value={table}>
                  {table}
                </option>
              ))}
            </select>
          ) : (
            <input id="wms-export-table" value={values.table} autoComplete="off" onChange={(event) => set('table', event.target.value)} />
          )}
        </Field>
      ) : (
        <Field label={t('wms.query')} htmlFor="wms-export-query" error={shown('query')} span={4} hint={t('wms.queryHint')}>
          <textarea id="wms-export-query" rows={5} spellCheck={false} value={values.query} onChange={(event) => set('query', event.target.value)} />
        </Field>
      )}
      <Field label={t('wms.separator')} htmlFor="wms-export-separator">
        <select id="wms-export-separator" value={values.separator} onChange={(event) => set('separator', event.target.value === ',' ? ',' : ';')}>
          <option value=";">{t('wms.separatorSemicolon')}</option>
          <option value=",">{t('wms.separatorComma')}</option>
        </select>
      </Field>
      <Field label={t('wms.format')} htmlFor="wms-export-format">
        <select id="wms-export-format" value={values.format} onChange={(event) => set('format', event.target.value === 'iso' ? 'iso' : 'fr')}>
          <option value="fr">{t('wms.formatFr')}</option>
          <option value="iso">{t('wms.formatIso')}</option>
        </select>
      </Field>
      <Field label={t('wms.exportSchedule')} htmlFor="wms-export-schedule" error={shown('schedule')} span={2} hint={cron && submitted ? t(`admin.jobs.cronIssues.${cron}`) : t('wms.exportScheduleHint')}>
        <input id="wms-export-schedule" value={values.schedule} autoComplete="off" onChange={(event) => set('schedule', event.target.value)} />
      </Field>
      <Field label={t('wms.exportFolder')} htmlFor="wms-export-folder" span={4} hint={t('wms.exportFolderHint')}>
        <input id="wms-export-folder" value={values.folder} autoComplete="off" onChange={(event) => set('folder', event.target.value)} />
      </Field>
    </FormDialog>
  );
}
