/** Placeholder replaced by the invoicing screens under construction. */
export function ContactsPage() {
  return null;
}
