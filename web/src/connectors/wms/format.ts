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
