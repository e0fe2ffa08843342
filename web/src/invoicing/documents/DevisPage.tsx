/** Placeholder replaced by the invoicing screens under construction. */
export function DevisPage() {
  return null;
}
