/** Placeholder replaced by the invoicing screens under construction. */
export function DashboardPage() {
  return null;
}
