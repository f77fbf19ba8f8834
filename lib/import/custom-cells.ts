import type { FieldDefinition, RawInput } from "@/lib/fields/values";
import { zonedTimeToDate } from "@/lib/i18n/format";
import { searchable } from "@/lib/search/normalize";

type Named = { id: number; name: string; email?: string };

/**
 * A spreadsheet cell as a custom field's raw input: several values split on ";", dates as
 * 2026-11-27 or 27/11/2026, a date-time in the org's zone, list options, employees, companies and
 * contacts by name (or e-mail), money as "1500000 VND" (the deal's currency when none is given).
 * What does not resolve is passed on as typed, so the field's schema refuses it with its reason.
 */
export function cellToRawInput(
  def: FieldDefinition,
  cell: string,
  context: { timeZone: string; currency: string; users: Named[]; companies: Named[]; contacts: Named[]; parseDate: (v: string) => string | null },
): RawInput {
  const parts = (def.multiple ? cell.split(";") : [cell]).map((p) => p.trim()).filter(Boolean);
  if (def.type === "money") {
    return parts.map((p) => {
      const match = /^([\d.,\s-]+?)\s*([A-Za-z]{3})$/.exec(p);
      return match ? { amount: match[1]!, currency: match[2]!.toUpperCase() } : { amount: p, currency: context.currency };
    });
  }
  const byName = (list: Named[], value: string) => {
    const key = searchable(value);
    const found = list.find((n) => searchable(n.name) === key || (n.email && n.email.toLowerCase() === value.toLowerCase()));
    return found ? String(found.id) : value.replace(/^\d+$/, "#$&");
  };
  return parts.map((p) => {
    switch (def.type) {
      case "date":
        return context.parseDate(p) ?? p;
      case "datetime": {
        const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})/.exec(p);
        return m ? (zonedTimeToDate(`${m[1]}T${m[2]}`, context.timeZone)?.toISOString() ?? p) : p;
      }
      case "enumeration": {
        const option = (def.settings.options ?? []).find((o) => searchable(o.label) === searchable(p));
        return option ? String(option.id) : p;
      }
      case "employee":
        return byName(context.users, p);
      case "crm":
        // Deals are linked by number; companies and contacts by name.
        return def.settings.target === "deal" ? p.replace(/^#/, "") : byName(def.settings.target === "contact" ? context.contacts : context.companies, p);
      default:
        return p;
    }
  });
}
