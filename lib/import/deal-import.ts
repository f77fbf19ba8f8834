import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { companies, contacts, orgs, pipelines, stageRequiredFields, stages, users } from "@/db/schema";
import { ActionError } from "@/lib/actions/errors";
import type { DealInput } from "@/lib/deals/form-schema";
import { createDeal } from "@/lib/deals/service";
import { placeAtTop } from "@/lib/board/placement";
import { dealSources, dealTypes } from "@/lib/deals/vocabulary";
import { catalogues, translator, type MessageKey } from "@/lib/i18n/translate";
import { isCurrency } from "@/lib/money/money";
import { isRequirable, isStandardRequirable, missingFields, requirableLabel, type RequirableField } from "@/lib/deals/required/rule";
import { detectNumberFormat, readAmount, type NumberFormat, type NumberFormatChoice } from "./numbers";
import { can, mayAddClients, mayReadClientDetails, type Viewer } from "@/lib/permissions";
import { searchable } from "@/lib/search/normalize";
import { getFieldDefinitions, type FieldViewer } from "@/lib/fields/queries";
import { fieldValueSchema, type FieldDefinition, type StoredValue } from "@/lib/fields/values";
import { cellToRawInput } from "./custom-cells";
import { duplicateKey, existingDuplicates } from "./duplicates";
import { contactName } from "@/lib/clients/contact-name";

export const importFields = ["ignore", "title", "pipeline", "stage", "amount", "currency", "responsible", "company", "contacts", "beginDate", "closeDate", "source", "type", "probability", "opened", "comments"] as const;
export type ImportField = (typeof importFields)[number];
export const IMPORT_MAX_ROWS = 10_000;

const fieldLabel: Record<Exclude<ImportField, "ignore">, MessageKey> = {
  title: "deals.fields.title",
  pipeline: "deals.fields.pipeline",
  stage: "deals.fields.stage",
  amount: "deals.fields.amount",
  currency: "deals.fields.currency",
  responsible: "deals.fields.responsible",
  company: "deals.fields.company",
  contacts: "deals.fields.contacts",
  beginDate: "deals.fields.beginDate",
  closeDate: "deals.fields.closeDate",
  source: "deals.fields.source",
  type: "deals.fields.type",
  probability: "deals.fields.probability",
  opened: "deals.fields.opened",
  comments: "deals.fields.comments",
};
export function importFieldLabel(field: Exclude<ImportField, "ignore">): MessageKey {
  return fieldLabel[field];
}

function lookupLabel(key: MessageKey, locale: "en" | "vi"): string {
  let node: unknown = catalogues[locale];
  for (const part of key.split(".")) node = (node as Record<string, unknown>)[part];
  return String(node);
}

/** A column's field: the one remembered for this header, else the field whose label (English or Vietnamese) matches it. */
/** A column maps to a standard field or to a custom field by its code. */
export type ImportTarget = ImportField | `UF_CRM_${string}`;

export function guessField(header: string, remembered: Record<string, string>, custom: { code: string; label: string }[] = []): ImportTarget {
  const key = searchable(header);
  const saved = remembered[key];
  if (saved && ((importFields as readonly string[]).includes(saved) || custom.some((c) => c.code === saved))) return saved as ImportTarget;
  const field = custom.find((c) => searchable(c.label) === key || searchable(c.code) === key);
  if (field) return field.code as ImportTarget;
  for (const field of importFields) {
    if (field === "ignore") continue;
    const names = [field, lookupLabel(fieldLabel[field], "en"), lookupLabel(fieldLabel[field], "vi")].map(searchable);
    if (names.includes(key)) return field;
  }
  return "ignore";
}

export type RowProblem = { key: MessageKey; vars?: Record<string, string | number> };
export type CheckedRow = {
  line: number;
  input: DealInput | null;
  errors: RowProblem[];
  duplicate: boolean;
  newCompany: string | null;
  newContacts: string[];
};

function parseDate(value: string): string | null {
  const v = value.trim();
  const ymd = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  const dmy = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/.exec(v); // 27/11/2026 or 27-11-2026, as Vietnamese write it
  const parts = ymd ? [ymd[1]!, ymd[2]!, ymd[3]!] : dmy ? [dmy[4]!, dmy[3]!.padStart(2, "0"), dmy[1]!.padStart(2, "0")] : null;
  if (!parts) return null;
  const iso = parts.join("-");
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso) ? iso : null;
}

function codeOf(value: string, codes: readonly string[], labelsOf: (code: string) => string[]): string | null {
  const key = searchable(value);
  return codes.find((code) => searchable(code) === key || labelsOf(code).some((l) => searchable(l) === key)) ?? null;
}


const YES = ["yes", "y", "true", "1", "co", "x"];
const NO = ["no", "n", "false", "0", "khong", ""];

/** Everything the checks look names up in, loaded once for the whole file. */
async function loadReferences(db: Db, orgId: number) {
  const [org] = await db.select().from(orgs).where(eq(orgs.id, orgId));
  // Sequential: the import job runs this inside its transaction (one connection).
  const pipelineRows = await db.select().from(pipelines).where(eq(pipelines.orgId, orgId));
  const stageRows = await db.select().from(stages).where(eq(stages.orgId, orgId));
  const userRows = await db.select({ id: users.id, name: users.name, email: users.email, active: users.active }).from(users).where(eq(users.orgId, orgId));
  const companyRows = await db.select({ id: companies.id, title: companies.title }).from(companies).where(eq(companies.orgId, orgId));
  const contactRows = await db
    .select({ id: contacts.id, name: contacts.name, lastName: contacts.lastName, emails: contacts.emails, phones: contacts.phones })
    .from(contacts)
    .where(eq(contacts.orgId, orgId));
  const requiredRows = await db.select({ stageId: stageRequiredFields.stageId, field: stageRequiredFields.field }).from(stageRequiredFields).where(eq(stageRequiredFields.orgId, orgId));
  const required = new Map<number, RequirableField[]>();
  for (const r of requiredRows) if (isRequirable(r.field)) required.set(r.stageId, [...(required.get(r.stageId) ?? []), r.field]);
  return { org: org!, pipelineRows, stageRows, userRows, companyRows, contactRows, required };
}

/** The file's column mapped to a field (its index as the mapping keys it), if any. */
const columnOf = (mapping: Record<string, string>, field: string) => Object.entries(mapping).find(([, f]) => f === field)?.[0];

/**
 * How the file's numbers are read: as chosen on the mapping step, or judged from its amount
 * column (the org's language when the cells could be either).
 */
export function importNumberFormat(rows: string[][], mapping: Record<string, string>, choice: NumberFormatChoice, orgLocale: string): NumberFormat {
  if (choice !== "auto") return choice;
  const index = columnOf(mapping, "amount");
  const cells = index === undefined ? [] : rows.map((row) => row[Number(index)] ?? "");
  return detectNumberFormat(cells, orgLocale === "en" ? "en" : "vi");
}

/** What the check step shows of the file's numbers: the format they are read in, and how its first amount reads. */
export async function numberReading(db: Db, orgId: number, upload: { rows: string[][]; mapping: Record<string, string>; numberFormat: NumberFormatChoice }) {
  const [org] = await db.select({ locale: orgs.defaultLocale }).from(orgs).where(eq(orgs.id, orgId));
  const format = importNumberFormat(upload.rows, upload.mapping, upload.numberFormat, org?.locale ?? "vi");
  const index = columnOf(upload.mapping, "amount");
  const cell = index === undefined ? undefined : upload.rows.map((row) => (row[Number(index)] ?? "").trim()).find(Boolean);
  return { format, sample: cell ? { cell, amount: readAmount(cell, format, "USD") } : null };
}

/** The custom fields an import may fill: those the importing user may see. */
export async function importableFields(db: Db, viewer: FieldViewer): Promise<FieldDefinition[]> {
  return getFieldDefinitions(db, viewer);
}

/**
 * Checks every row of a file against the mapping: what each would create, its errors (named
 * per row), duplicates of existing deals or of earlier rows (same title and company), and the
 * companies and contacts that would be created when allowed.
 */
/** `lines`: where each row starts in the file; without them, rows are taken as one per line after the header. */
export async function checkRows(
  db: Db,
  viewer: Viewer,
  rows: string[][],
  mapping: Record<string, string>,
  createMissing: boolean,
  lines: number[] = [],
  numberChoice: NumberFormatChoice = "auto",
): Promise<CheckedRow[]> {
  const refs = await loadReferences(db, viewer.orgId);
  const allCustom = await importableFields(db, viewer);
  const customDefs = allCustom.filter((d) => Object.values(mapping).includes(d.code));
  const format = importNumberFormat(rows, mapping, numberChoice, refs.org.defaultLocale);
  // Numbers are read as the file writes them; messages in English: the row problem names the field and the value.
  const i18n = { t: translator("en"), locale: format };
  const defaultPipeline = refs.pipelineRows.find((p) => p.isDefault) ?? refs.pipelineRows[0];
  const column = (field: ImportField) => columnOf(mapping, field);
  const seen = new Set<string>();
  const mayAdd = mayAddClients(viewer);
  const details = mayReadClientDetails(viewer);
  const cellOf = (row: string[], field: ImportField) => {
    const index = column(field);
    return index === undefined ? "" : (row[Number(index)] ?? "").trim();
  };
  const titleOf = (row: string[]) => cellOf(row, "title").slice(0, 2000).slice(0, 255);
  // Duplicates are judged by title and company name (two companies may share a name), among deals the importer may read.
  const existing = await existingDuplicates(db, viewer, rows.map(titleOf));
  return rows.map((row, i) => {
    const errors: RowProblem[] = [];
    const cell = (field: ImportField) => cellOf(row, field).slice(0, 2000);
    let pipeline = defaultPipeline;
    if (cell("pipeline")) {
      pipeline = refs.pipelineRows.find((p) => searchable(p.name) === searchable(cell("pipeline")));
      if (!pipeline) errors.push({ key: "import.unknownValue", vars: { field: "pipeline", value: cell("pipeline") } });
    }
    const pipelineStages = refs.stageRows.filter((s) => s.pipelineId === pipeline?.id).sort((a, b) => a.sort - b.sort);
    let stage = pipelineStages[0];
    if (cell("stage")) {
      const named = (s: (typeof refs.stageRows)[number]) => searchable(s.name) === searchable(cell("stage")) || s.code === cell("stage").toUpperCase();
      stage = pipelineStages.find(named);
      // Without a pipeline column, a stage name that only one other pipeline has is taken from there.
      const elsewhere = refs.stageRows.filter(named);
      if (!stage && !cell("pipeline") && elsewhere.length === 1) stage = elsewhere[0];
      if (!stage) errors.push({ key: "import.unknownValue", vars: { field: "stage", value: cell("stage") } });
    }
    const currencyCell = cell("currency").toUpperCase();
    const currency = currencyCell || refs.org.baseCurrency;
    if (!isCurrency(currency)) errors.push({ key: "import.unknownValue", vars: { field: "currency", value: cell("currency") } });
    let amount = "0";
    if (cell("amount")) {
      const parsed = readAmount(cell("amount"), format, isCurrency(currency) ? currency : "USD");
      if (parsed !== null) amount = parsed;
      else errors.push({ key: "import.badNumber", vars: { field: "amount", value: cell("amount") } });
    }
    let assignedById = viewer.id;
    if (cell("responsible")) {
      const key = searchable(cell("responsible"));
      const user = refs.userRows.find((u) => u.active && (searchable(u.name) === key || u.email.toLowerCase() === cell("responsible").toLowerCase()));
      if (user) assignedById = user.id;
      else errors.push({ key: "import.unknownValue", vars: { field: "responsible", value: cell("responsible") } });
    }
    let companyId: number | null = null;
    let newCompany: string | null = null;
    if (cell("company")) {
      const company = refs.companyRows.find((c) => searchable(c.title) === searchable(cell("company")));
      if (company) companyId = company.id;
      else if (createMissing && !mayAdd) errors.push({ key: "import.mayNotAddClients" });
      else if (createMissing) newCompany = cell("company");
      else errors.push({ key: "import.unknownValue", vars: { field: "company", value: cell("company") } });
    }
    const contactIds: number[] = [];
    const newContacts: string[] = [];
    for (const raw of cell("contacts").split(/[,;]/).map((s) => s.trim()).filter(Boolean)) {
      const key = searchable(raw);
      const digits = raw.replace(/\D/g, "");
      const contact = refs.contactRows.find(
        (c) =>
          searchable(contactName(c)) === key ||
          searchable([c.name, c.lastName].filter(Boolean).join(" ")) === key ||
          // By e-mail or phone only for who may read them: the match would tell whose they are.
          (details && c.emails.some((e) => e.value.toLowerCase() === raw.toLowerCase())) ||
          (details && digits.length >= 6 && c.phones.some((p) => p.value.replace(/\D/g, "").endsWith(digits))),
      );
      if (contact) contactIds.push(contact.id);
      else if (createMissing && !mayAdd) errors.push({ key: "import.mayNotAddClients" });
      else if (createMissing) newContacts.push(raw);
      else errors.push({ key: "import.unknownValue", vars: { field: "contacts", value: raw } });
    }
    const dates: Record<"beginDate" | "closeDate", string | null> = { beginDate: null, closeDate: null };
    for (const field of ["beginDate", "closeDate"] as const) {
      if (!cell(field)) continue;
      dates[field] = parseDate(cell(field));
      if (!dates[field]) errors.push({ key: "import.badDate", vars: { field, value: cell(field) } });
    }
    if (dates.beginDate && dates.closeDate && dates.closeDate < dates.beginDate) errors.push({ key: "errors.closeBeforeBegin" });
    const labels = (group: "sources" | "types") => (code: string) => (["en", "vi"] as const).map((l) => lookupLabel(`deals.${group}.${code}` as MessageKey, l));
    const sourceId = cell("source") ? codeOf(cell("source"), dealSources, labels("sources")) : null;
    if (cell("source") && !sourceId) errors.push({ key: "import.unknownValue", vars: { field: "source", value: cell("source") } });
    const typeId = cell("type") ? codeOf(cell("type"), dealTypes, labels("types")) : null;
    if (cell("type") && !typeId) errors.push({ key: "import.unknownValue", vars: { field: "type", value: cell("type") } });
    let probability: number | null = null;
    if (cell("probability")) {
      probability = Number(cell("probability").replace("%", ""));
      if (!Number.isInteger(probability) || probability < 0 || probability > 100) errors.push({ key: "import.badNumber", vars: { field: "probability", value: cell("probability") } });
    }
    const openedKey = searchable(cell("opened"));
    const opened = column("opened") === undefined || YES.includes(openedKey) ? true : NO.includes(openedKey) ? false : null;
    if (opened === null) errors.push({ key: "import.unknownValue", vars: { field: "opened", value: cell("opened") } });
    const custom: Record<string, StoredValue | null> = {};
    for (const def of customDefs) {
      const index = columnOf(mapping, def.code);
      const text = index === undefined ? "" : (row[Number(index)] ?? "").trim().slice(0, 10_000);
      const raw = cellToRawInput(def, text, {
        timeZone: refs.org.timezone,
        currency: isCurrency(currency) ? currency : refs.org.baseCurrency,
        users: refs.userRows.filter((u) => u.active),
        companies: refs.companyRows.map((c) => ({ id: c.id, name: c.title })),
        contacts: refs.contactRows.map((c) => ({ id: c.id, name: contactName(c) })),
        parseDate,
      });
      const parsed = fieldValueSchema(def, i18n).safeParse(raw);
      if (parsed.success) custom[def.code] = parsed.data;
      else errors.push({ key: "import.badCustom", vars: { field: def.label, value: text.slice(0, 100) } });
    }
    const title = titleOf(row) || null;
    if (stage && !errors.length) {
      // What the row's stage requires, named now rather than failing the whole import at commit. A
      // company or contact the import will create counts as given.
      const values = { amount, companyId: companyId ?? (newCompany ? -1 : null), contactIds: [...contactIds, ...newContacts.map(() => -1)], sourceId, typeId, probability, sourceDescription: null, comments: cell("comments") || null, custom };
      for (const field of missingFields(refs.required.get(stage.id) ?? [], values)) {
        const label: Record<string, string> = isStandardRequirable(field) ? { fieldKey: requirableLabel[field] } : { field: allCustom.find((d) => d.code === field)?.label ?? field };
        errors.push({ key: "import.stageRequires", vars: { stage: stage.name, field: "", ...label } });
      }
    }
    if (pipeline && stage && !errors.length) {
      const facts = { orgId: viewer.orgId, pipelineId: stage.pipelineId, stageId: stage.id, assignedById, opened: opened ?? true };
      if (!can(viewer, "IMPORT", facts) || !can(viewer, "ADD", facts)) errors.push({ key: "errors.forbidden" });
    }
    const dupKey = duplicateKey(title ?? "", cell("company") || null);
    const duplicate = title !== null && (existing.has(dupKey) || seen.has(dupKey));
    seen.add(dupKey);
    const input: DealInput | null =
      errors.length || !stage
        ? null
        : {
            title,
            stageId: stage.id,
            amount,
            currency: currency as DealInput["currency"],
            probability,
            assignedById,
            companyId,
            contactIds,
            beginDate: dates.beginDate,
            closeDate: dates.closeDate,
            opened: opened ?? true,
            sourceId,
            sourceDescription: null,
            typeId,
            comments: cell("comments") || null,
            custom,
          };
    return { line: lines[i] ?? i + 2, input, errors, duplicate, newCompany, newContacts };
  });
}

/** Creates every checked row, or nothing: any error rolls the whole import back. Returns how many deals were made. */
export async function commitRows(
  db: Db,
  viewer: Viewer,
  checked: CheckedRow[],
  defaultTitle: (id: number) => string,
  onProgress?: (done: number) => Promise<void>,
): Promise<number> {
  const failing = checked.find((r) => !r.input);
  if (failing) throw new ActionError("invalid", "import.hasErrors", { line: failing.line });
  const madeCompanies = new Map<string, number>();
  const madeContacts = new Map<string, number>();
  const placed = new Map<number, number[]>();
  for (const [index, row] of checked.entries()) {
    if (onProgress && index % 200 === 0) await onProgress(index);
    const input = { ...row.input! };
    if (row.newCompany) {
      const key = searchable(row.newCompany);
      if (!madeCompanies.has(key)) {
        const [c] = await db.insert(companies).values({ orgId: viewer.orgId, title: row.newCompany, assignedById: input.assignedById }).returning({ id: companies.id });
        madeCompanies.set(key, c!.id);
      }
      input.companyId = madeCompanies.get(key)!;
    }
    for (const raw of row.newContacts) {
      const key = searchable(raw);
      if (!madeContacts.has(key)) {
        const email = raw.includes("@") ? raw : null;
        const [c] = await db
          .insert(contacts)
          .values({ orgId: viewer.orgId, name: email ? raw.split("@")[0]! : raw, companyId: input.companyId, emails: email ? [{ value: email, kind: "WORK" }] : [], assignedById: input.assignedById })
          .returning({ id: contacts.id });
        madeContacts.set(key, c!.id);
      }
      input.contactIds = [...input.contactIds, madeContacts.get(key)!];
    }
    try {
      const id = await createDeal(db, viewer, input, { defaultTitle, placeLater: true });
      placed.set(input.stageId, [id, ...(placed.get(input.stageId) ?? [])]);
    } catch (error) {
      if (error instanceof ActionError) throw new ActionError("invalid", "import.hasErrors", { line: row.line });
      throw error;
    }
  }
  // The board columns are locked only now, shortly before the commit (lib/deals/locks.ts), in
  // ascending stage order; the last row of the file lands on top, as if made one by one.
  for (const [stageId, ids] of [...placed].sort(([a], [b]) => a - b)) await placeAtTop(db, viewer.orgId, stageId, ids);
  return checked.length;
}

export async function getImport(db: Db, viewer: Viewer, id: number) {
  const { dealImports } = await import("@/db/schema");
  const [row] = await db.select().from(dealImports).where(and(eq(dealImports.orgId, viewer.orgId), eq(dealImports.userId, viewer.id), eq(dealImports.id, id)));
  return row ?? null;
}
