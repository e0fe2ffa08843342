/** Placeholder replaced by the invoicing screens under construction. */
export function FacturesPage() {
  return null;
}
