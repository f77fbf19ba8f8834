/**
 * Document numbers from a template: "HD-{YYYY}-{N}" with the counter padded ("HD-2026-0001").
 * The counter restarts each year or month when the template says so; the period key names the
 * counter row, so numbers of different periods never collide.
 */
export type NumberReset = "never" | "yearly" | "monthly";
export type NumberingRule = { template: string; start: number; step: number; padding: number; reset: NumberReset };

export const PLACEHOLDERS = ["{YYYY}", "{YY}", "{MM}", "{N}"] as const;

/** The calendar parts of an instant in the org's time zone. */
export function localParts(at: Date, timeZone: string): { year: string; month: string } {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit" }).formatToParts(at);
  return { year: parts.find((p) => p.type === "year")!.value, month: parts.find((p) => p.type === "month")!.value };
}

export function periodKey(reset: NumberReset, at: Date, timeZone: string): string {
  const { year, month } = localParts(at, timeZone);
  return reset === "yearly" ? year : reset === "monthly" ? `${year}-${month}` : "";
}

export function formatNumber(rule: Pick<NumberingRule, "template" | "padding">, counter: number, at: Date, timeZone: string): string {
  const { year, month } = localParts(at, timeZone);
  const n = String(counter).padStart(rule.padding, "0");
  const template = rule.template.includes("{N}") ? rule.template : `${rule.template}{N}`;
  return template.replaceAll("{YYYY}", year).replaceAll("{YY}", year.slice(2)).replaceAll("{MM}", month).replaceAll("{N}", n);
}

/** What is wrong with a template typed in settings, or null: unknown "{…}" parts, or a monthly reset without {MM} (numbers would repeat). */
export function templateProblem(rule: NumberingRule): "unknownPart" | "resetNeedsPart" | null {
  const parts = rule.template.match(/\{[^}]*\}/g) ?? [];
  if (parts.some((p) => !(PLACEHOLDERS as readonly string[]).includes(p))) return "unknownPart";
  if (rule.reset === "monthly" && !(rule.template.includes("{MM}") && /\{YY(YY)?\}/.test(rule.template))) return "resetNeedsPart";
  if (rule.reset === "yearly" && !/\{YY(YY)?\}/.test(rule.template)) return "resetNeedsPart";
  return null;
}
