/** Placeholder replaced by the invoicing screens under construction. */
export function EntreprisesPage() {
  return null;
}
