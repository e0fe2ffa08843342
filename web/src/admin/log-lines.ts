/** A log line's fields as one readable text: `user : PAUL · path : /missions`; objects shortened. */
export function logFieldsText(fields: Record<string, unknown>): string {
  return Object.entries(fields)
    .map(([key, value]) => `${key} : ${valueText(value)}`)
    .join(' · ');
}

function valueText(value: unknown): string {
  if (value === null || value === undefined) {
    return '—';
  }
  if (typeof value === 'object') {
    const text = JSON.stringify(value);
    return text.length > 160 ? `${text.slice(0, 160)}…` : text;
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}
