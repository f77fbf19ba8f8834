import { boolean, char, index, integer, pgTable, primaryKey, smallint, text, uniqueIndex } from "drizzle-orm/pg-core";
import { orgs } from "./orgs";

/** A pipeline is the reference's "category" / "direction". */
export const pipelines = pgTable(
  "pipelines",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    orgId: integer("org_id").notNull().references(() => orgs.id, { onDelete: "cascade" }),
    name: text().notNull(),
    sort: integer().notNull().default(100),
    isDefault: boolean("is_default").notNull().default(false),
  },
  (t) => [index("pipelines_org_sort_idx").on(t.orgId, t.sort)],
);

/** Stage semantics, as the reference names them: P in progress, S success, F failure. */
export type StageSemantics = "P" | "S" | "F";

export const stages = pgTable(
  "stages",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    orgId: integer("org_id").notNull().references(() => orgs.id, { onDelete: "cascade" }),
    pipelineId: integer("pipeline_id").notNull().references(() => pipelines.id, { onDelete: "cascade" }),
    code: text().notNull(),
    name: text().notNull(),
    sort: integer().notNull(),
    color: char({ length: 7 }).notNull(),
    semantics: char({ length: 1 }).$type<StageSemantics>().notNull(),
    isSystem: boolean("is_system").notNull().default(false),
    /** A deal sitting in this stage for longer than this many days is shown as stale on the board. */
    rotDays: smallint("rot_days"),
  },
  (t) => [
    index("stages_org_pipeline_sort_idx").on(t.orgId, t.pipelineId, t.sort),
    uniqueIndex("stages_pipeline_code_uq").on(t.pipelineId, t.code),
  ],
);

/** Fields a deal must have filled to enter (or be saved in) a stage. Standard fields by name; custom fields later by code. */
export const stageRequiredFields = pgTable(
  "stage_required_fields",
  {
    orgId: integer("org_id").notNull().references(() => orgs.id, { onDelete: "cascade" }),
    stageId: integer("stage_id").notNull().references(() => stages.id, { onDelete: "cascade" }),
    field: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.stageId, t.field] })],
);
