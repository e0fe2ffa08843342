/** Placeholder replaced by the invoicing screens under construction. */
export function ArticlesPage() {
  return null;
}
