import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { departments, orgs, users } from "./orgs";
import { pipelines } from "./pipelines";

/**
 * What a role may do with companies and contacts, which belong to no pipeline: create them (the
 * pickers' "create", an import's missing clients) and see their phones and e-mails.
 */
export type ClientRights = { add: boolean; details: boolean };

export const roles = pgTable(
  "roles",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    orgId: integer("org_id").notNull().references(() => orgs.id, { onDelete: "cascade" }),
    name: text().notNull(),
    clientRights: jsonb("client_rights").$type<ClientRights>().notNull().default({ add: true, details: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("roles_org_name_uq").on(t.orgId, t.name)],
);

/** Levels, from nothing to everything; each includes the ones before it. */
export const accessLevels = ["none", "own", "department", "subdepartments", "open", "all"] as const;
export type AccessLevel = (typeof accessLevels)[number];
export const dealOperations = ["READ", "ADD", "UPDATE", "DELETE", "EXPORT", "IMPORT"] as const;
export type DealOperation = (typeof dealOperations)[number];
export type LevelMap = Record<DealOperation, AccessLevel>;

/** A role's rules for one pipeline; a stage may override any operation's level. */
export type RolePipelineSettings = {
  levels: LevelMap;
  stageLevels: Record<string, Partial<LevelMap>>;
  hideAmounts: boolean;
  /** Stages deals may be moved to: any, none, or the listed stage ids. */
  transitions: "any" | "none" | number[];
  automation: boolean;
  personalLayout: boolean;
};

export const rolePermissions = pgTable(
  "role_permissions",
  {
    orgId: integer("org_id").notNull().references(() => orgs.id, { onDelete: "cascade" }),
    roleId: integer("role_id").notNull().references(() => roles.id, { onDelete: "cascade" }),
    pipelineId: integer("pipeline_id").notNull().references(() => pipelines.id, { onDelete: "cascade" }),
    settings: jsonb().$type<RolePipelineSettings>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.roleId, t.pipelineId] }), index("role_permissions_org_idx").on(t.orgId)],
);

/** A role given to a user, or to a department (and, when chosen, its sub-departments). */
export const roleAssignments = pgTable(
  "role_assignments",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    orgId: integer("org_id").notNull().references(() => orgs.id, { onDelete: "cascade" }),
    roleId: integer("role_id").notNull().references(() => roles.id, { onDelete: "cascade" }),
    userId: integer("user_id").references(() => users.id, { onDelete: "cascade" }),
    departmentId: integer("department_id").references(() => departments.id, { onDelete: "cascade" }),
    withSubdepartments: boolean("with_subdepartments").notNull().default(false),
  },
  (t) => [
    index("role_assignments_org_idx").on(t.orgId, t.roleId),
    check("role_assignments_one_target_ck", sql`(${t.userId} is null) <> (${t.departmentId} is null)`),
  ],
);

/** Every change to roles, rules, assignments and departments: who, when, what. */
export const permissionLog = pgTable(
  "permission_log",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    orgId: integer("org_id").notNull().references(() => orgs.id, { onDelete: "cascade" }),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    action: text().notNull(),
    subject: text().notNull(),
    details: jsonb().$type<unknown>().notNull().default({}),
  },
  (t) => [index("permission_log_org_at_idx").on(t.orgId, t.at.desc())],
);
