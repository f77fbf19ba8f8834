import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { customFields, deals, stageRequiredFields, type CustomFieldSettings, type CustomFieldType, type EnumOption } from "@/db/schema";
import { ActionError } from "@/lib/actions/errors";
import { requireSetUp, type Viewer } from "@/lib/permissions";
import { codeFromLabel, isValidCode } from "./code";
import { assertOrgIds } from "@/lib/org/references";

export type FieldDefinitionInput = {
  label: string;
  type: CustomFieldType;
  code: string | null;
  multiple: boolean;
  mandatory: boolean;
  showInFilter: boolean;
  showInList: boolean;
  sort: number;
  multiline: boolean;
  precision: number;
  /** Option labels in order; existing options keep their ids by label, so stored values survive renames of others. */
  options: string[];
  target: "company" | "contact" | "deal";
  /** file: the largest file (MB) and the accepted extensions (empty: the default list). */
  maxSizeMb: number;
  extensions: string[];
  /** Limit who sees the field: users and departments; both empty means everyone. */
  visibleUsers: number[];
  visibleDepartments: number[];
};

/** The visibility as stored (null: everyone), with ids checked against the org. */
async function visibility(db: Db, orgId: number, input: FieldDefinitionInput): Promise<{ users: number[]; departments: number[] } | null> {
  if (input.visibleUsers.length === 0 && input.visibleDepartments.length === 0) return null;
  await assertOrgIds(db, orgId, "users", input.visibleUsers, "visibleTo", { activeUsersOnly: false });
  await assertOrgIds(db, orgId, "departments", input.visibleDepartments, "visibleTo");
  return { users: [...new Set(input.visibleUsers)], departments: [...new Set(input.visibleDepartments)] };
}

/** Only what the type uses goes into settings; options keep the ids they had (matched by label). */
function settingsFor(input: FieldDefinitionInput, previous: EnumOption[] = []): CustomFieldSettings {
  switch (input.type) {
    case "string":
      return { multiline: input.multiline };
    case "decimal":
      return { precision: input.precision };
    case "crm":
      return { target: input.target };
    case "file":
      return { maxSizeMb: input.maxSizeMb, ...(input.extensions.length ? { extensions: input.extensions } : {}) };
    case "enumeration": {
      if (input.options.length === 0) throw new ActionError("invalid", "errors.invalid", undefined, { options: "fields.optionsRequired" });
      let next = Math.max(0, ...previous.map((o) => o.id)) + 1;
      const byLabel = new Map(previous.map((o) => [o.label, o.id]));
      return { options: input.options.map((label) => ({ id: byLabel.get(label) ?? next++, label })) };
    }
    default:
      return {};
  }
}

/** Booleans and money take one value; the rest may be several. */
const canBeMultiple = (type: CustomFieldType) => type !== "boolean" && type !== "money";

export async function createCustomField(db: Db, viewer: Viewer, input: FieldDefinitionInput): Promise<number> {
  requireSetUp(viewer);
  let code = input.code ?? codeFromLabel(input.label);
  if (!isValidCode(code)) throw new ActionError("invalid", "errors.invalid", undefined, { code: "fields.badCode" });
  if (input.code === null) {
    // A made-up code gets a number when taken: UF_CRM_REGION, UF_CRM_REGION_2…
    const taken = new Set((await db.select({ code: customFields.code }).from(customFields).where(eq(customFields.orgId, viewer.orgId))).map((r) => r.code));
    for (let n = 2; taken.has(code); n++) code = `${codeFromLabel(input.label)}_${n}`;
  }
  const [row] = await db
    .insert(customFields)
    .values({
      orgId: viewer.orgId,
      code,
      label: input.label,
      type: input.type,
      settings: settingsFor(input),
      multiple: input.multiple && canBeMultiple(input.type),
      mandatory: input.mandatory,
      showInFilter: input.showInFilter,
      showInList: input.showInList,
      sort: input.sort,
      visibleTo: await visibility(db, viewer.orgId, input),
    })
    .onConflictDoNothing()
    .returning({ id: customFields.id });
  if (!row) throw new ActionError("invalid", "errors.invalid", undefined, { code: "fields.codeTaken" });
  return row.id;
}

/** The type and code stay as created: stored values are typed by them. */
export async function updateCustomField(db: Db, viewer: Viewer, id: number, input: FieldDefinitionInput): Promise<void> {
  requireSetUp(viewer);
  const [field] = await db.select().from(customFields).where(and(eq(customFields.orgId, viewer.orgId), eq(customFields.id, id))).for("update");
  if (!field) throw new ActionError("notFound", "errors.notFound");
  const settings = settingsFor({ ...input, type: field.type }, field.settings.options);
  await db
    .update(customFields)
    .set({
      label: input.label,
      settings,
      // A field that holds lists stays "several values": turning it off would leave lists a single-value field cannot read.
      multiple: field.multiple || (input.multiple && canBeMultiple(field.type)),
      mandatory: input.mandatory,
      showInFilter: input.showInFilter,
      showInList: input.showInList,
      sort: input.sort,
      visibleTo: await visibility(db, viewer.orgId, input),
    })
    .where(eq(customFields.id, id));
  // Values of options that were removed are removed with them.
  if (field.type === "enumeration") {
    const kept = (settings.options ?? []).map((o) => o.id);
    const removed = (field.settings.options ?? []).map((o) => o.id).filter((o) => !kept.includes(o));
    if (removed.length) await dropOptionValues(db, viewer.orgId, field.code, removed);
  }
}

async function dropOptionValues(db: Db, orgId: number, code: string, removed: number[]): Promise<void> {
  const gone = sql`array[${sql.join(removed.map((r) => sql`${r}`), sql`, `)}]::int[]`;
  await db.execute(sql`
    update ${deals} set custom = case
        when jsonb_typeof(custom -> ${code}) = 'array'
          then jsonb_set(custom, array[${code}], coalesce((select jsonb_agg(v) from jsonb_array_elements(custom -> ${code}) v where not ((v #>> '{}')::int = any(${gone}))), '[]'::jsonb))
        when (custom ->> ${code})::int = any(${gone}) then custom - ${code}
        else custom end
    where org_id = ${orgId} and custom ? ${code}`);
}

/** Deletes the field, its values in every deal, and every stage's requirement of it. */
export async function deleteCustomField(db: Db, viewer: Viewer, id: number): Promise<void> {
  requireSetUp(viewer);
  const [field] = await db.delete(customFields).where(and(eq(customFields.orgId, viewer.orgId), eq(customFields.id, id))).returning();
  if (!field) throw new ActionError("notFound", "errors.notFound");
  await db.execute(sql`update ${deals} set custom = custom - ${field.code} where org_id = ${viewer.orgId} and custom ? ${field.code}`);
  await db.delete(stageRequiredFields).where(and(eq(stageRequiredFields.orgId, viewer.orgId), eq(stageRequiredFields.field, field.code)));
}
