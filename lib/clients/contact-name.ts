/** A contact's full name as people read it, family name first ("Nguyễn Văn An"). */
export function contactName(contact: { lastName: string | null; name: string | null }): string {
  return [contact.lastName, contact.name].filter(Boolean).join(" ");
}
