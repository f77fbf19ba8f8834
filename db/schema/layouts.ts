import { sql } from "drizzle-orm";
import { integer, jsonb, pgTable, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { pipelines } from "./pipelines";
import { orgs, users } from "./orgs";

/** A card section: a preset (named in the reader's language) or a name the user gave; its fields in order. */
export type LayoutSection = { preset?: "about" | "more" | "custom"; name?: string; fields: string[] };
export type CardLayout = { sections: LayoutSection[]; hidden: string[] };

/** The deal card's sections per pipeline: the common layout (user null) and personal ones where roles allow. */
export const cardLayouts = pgTable(
  "card_layouts",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    orgId: integer("org_id").notNull().references(() => orgs.id, { onDelete: "cascade" }),
    pipelineId: integer("pipeline_id").notNull().references(() => pipelines.id, { onDelete: "cascade" }),
    userId: integer("user_id").references(() => users.id, { onDelete: "cascade" }),
    layout: jsonb().$type<CardLayout>().notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("card_layouts_common_uq").on(t.orgId, t.pipelineId).where(sql`${t.userId} is null`),
    uniqueIndex("card_layouts_personal_uq").on(t.orgId, t.pipelineId, t.userId).where(sql`${t.userId} is not null`),
  ],
);
