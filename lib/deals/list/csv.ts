import { normalizeAmount } from "@/lib/money/money";
import type { MessageKey, Translate } from "@/lib/i18n/translate";
import type { ColumnKey } from "./columns";
import { listColumns } from "./columns";
import type { ListRow } from "./queries";
import { dateTimeFormat } from "@/lib/i18n/intl-cache";

/** One CSV field: quoted when needed, and a leading = + - @ neutralised so spreadsheets never run it as a formula. */
export function csvField(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text)) text = `'${text}`;
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(fields: (string | number | null | undefined)[]): string {
  return `${fields.map(csvField).join(",")}\r\n`;
}

/** The export's header: the id, then the chosen columns (amount as a number and its currency, for spreadsheets). */
export function csvHeader(columns: ColumnKey[], t: Translate): string[] {
  return ["ID", ...columns.flatMap((key) => {
    const label = t(listColumns.find((c) => c.key === key)!.label);
    return key === "amount" ? [label, t("deals.fields.currency")] : [label];
  })];
}

export function csvRow(row: ListRow, columns: ColumnKey[], t: Translate, timezone: string): (string | number | null)[] {
  const stamp = (value: Date | string) => dateTimeFormat("sv-SE", { timeZone: timezone, dateStyle: "short", timeStyle: "short" }).format(new Date(value));
  return [
    row.id,
    ...columns.flatMap((key): (string | number | null)[] => {
      switch (key) {
        case "title":
          return [row.title];
        case "stage":
          return [row.stageName];
        case "amount":
          return [row.amount === null ? t("common.hidden") : normalizeAmount(row.amount), row.currency];
        case "company":
          return [row.companyTitle];
        case "contacts":
          return [row.contactNames];
        case "responsible":
          return [row.responsibleName];
        case "pipeline":
          return [row.pipelineName];
        case "beginDate":
          return [row.beginDate];
        case "closeDate":
          return [row.closeDate];
        case "createdAt":
          return [stamp(row.createdAt)];
        case "updatedAt":
          return [stamp(row.updatedAt)];
        case "probability":
          return [row.probability];
        case "source":
          return [row.sourceId ? t(`deals.sources.${row.sourceId}` as MessageKey) : null];
        case "type":
          return [row.typeId ? t(`deals.types.${row.typeId}` as MessageKey) : null];
        case "opened":
          return [row.opened ? t("common.yes") : t("common.no")];
      }
    }),
  ];
}
