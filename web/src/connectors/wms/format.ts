/** 06/12/2026 16:05, in the browser's time zone. */
export function frenchDateTime(iso: string): string {
  return new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
}

/** Bytes as megabytes with one decimal, French style. */
export function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1, minimumFractionDigits: 1 });
}

/** A duration in seconds with one decimal, French style. */
export function seconds(ms: number): string {
  return (ms / 1000).toLocaleString('fr-FR', { maximumFractionDigits: 1, minimumFractionDigits: 1 });
}

/** A size with its unit's message: kilobytes under one megabyte (a small dump does not read « 0,0 Mo »). */
export function fileSize(bytes: number): { key: 'wms.kilobytes' | 'wms.megabytes'; value: string } {
  if (bytes < 1024 * 1024) {
    return { key: 'wms.kilobytes', value: (bytes / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1, minimumFractionDigits: 1 }) };
  }
  return { key: 'wms.megabytes', value: megabytes(bytes) };
}
