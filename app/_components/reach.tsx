import type { Communication } from "@/db/schema";

/** Phones and e-mails as links that call or write (tel:, mailto:). */
export function Reach({ phones, emails }: { phones: Communication[]; emails: Communication[] }) {
  if (phones.length + emails.length === 0) return null;
  return (
    <span className="reach">
      {phones.map((p, i) => (
        <a key={`p${i}`} href={`tel:${p.value.replace(/[^\d+]/g, "")}`}>
          {p.value}
        </a>
      ))}
      {emails.map((e, i) => (
        <a key={`e${i}`} href={`mailto:${encodeURIComponent(e.value).replace(/%40/g, "@")}`}>
          {e.value}
        </a>
      ))}
    </span>
  );
}
