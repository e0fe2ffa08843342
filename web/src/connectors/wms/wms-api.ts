import type { JobRun, WmsBackupManifest, WmsConnectionInput, WmsConnectionView, WmsExportDefinition, WmsExportInput, WmsTestReport } from '@relais/schema';
import { sessionJsonClient } from '../../auth/session-json-client';

export interface RestorePreviewTable {
  name: string;
  rows_now: number | null;
  rows_backup: number;
}

export interface RestoreReport {
  ok: boolean;
  target: string;
  file: string;
  safety_backup: string | null;
  tables: { name: string; expected: number; actual: number | null; ok: boolean }[];
}

// A connection test, a restore preview or a restore waits for the WMS host (over SSH): longer than a read.
const timeoutMs = { read: 120_000, write: 1_800_000 };
const client = sessionJsonClient('/admin/wms', timeoutMs);
const request = client.json;

/** Downloads a streamed CSV and hands it to the browser as a file. */
async function download(path: string, filename: string): Promise<void> {
  const response = await client.send('GET', path);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  URL.revokeObjectURL(url);
}

/** `/admin/wms`: the WMS connector's administration routes. */
export const wmsApi = {
  connections: () => request<WmsConnectionView[]>('GET', '/connections'),
  create: (input: WmsConnectionInput) => request<WmsConnectionView>('POST', '/connections', input),
  update: (id: number, input: WmsConnectionInput) => request<WmsConnectionView>('PUT', `/connections/${id}`, input),
  fingerprint: (id: number) => request<{ fingerprint: string }>('POST', `/connections/${id}/fingerprint`),
  pin: (id: number, fingerprint: string) => request<WmsConnectionView>('POST', `/connections/${id}/pin`, { fingerprint }),
  test: (id: number) => request<WmsTestReport>('POST', `/connections/${id}/test`),
  backup: (id: number) => request<{ run_id: number }>('POST', `/connections/${id}/backup`),
  restoreTest: (id: number) => request<{ run_id: number }>('POST', `/connections/${id}/restore-test`),
  run: (id: number, runId: number) => request<JobRun>('GET', `/connections/${id}/runs/${runId}`),
  restorePoints: (id: number) => request<WmsBackupManifest[]>('GET', `/connections/${id}/restore-points`),
  preview: (id: number, file: string, target: string) =>
    request<{ tables: RestorePreviewTable[] }>('GET', `/connections/${id}/restore-points/${encodeURIComponent(file)}/preview?target=${encodeURIComponent(target)}`),
  restore: (id: number, file: string, confirm: string, target: string) =>
    request<RestoreReport>('POST', `/connections/${id}/restore-points/${encodeURIComponent(file)}/restore`, { confirm, target }),
  exports: (id: number) => request<WmsExportDefinition[]>('GET', `/connections/${id}/exports`),
  createExport: (id: number, input: WmsExportInput) => request<WmsExportDefinition>('POST', `/connections/${id}/exports`, input),
  removeExport: (id: number, exportId: number) => request<{ success: true }>('DELETE', `/connections/${id}/exports/${exportId}`),
  runExport: (id: number, exportId: number) => request<{ run_id: number }>('POST', `/connections/${id}/exports/${exportId}/run`),
  downloadExport: (id: number, definition: WmsExportDefinition) => download(`/connections/${id}/exports/${definition.id}/csv`, `${definition.name}.csv`),
  downloadTable: (id: number, table: string) => download(`/connections/${id}/tables/${encodeURIComponent(table)}/csv`, `${table}.csv`),
};
