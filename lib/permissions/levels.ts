import { z } from "zod";
import { accessLevels, dealOperations, type AccessLevel, type ClientRights, type LevelMap, type RolePipelineSettings } from "@/db/schema/permissions";

export { accessLevels, dealOperations };
export type { AccessLevel, ClientRights, LevelMap, RolePipelineSettings };

const rank: Record<AccessLevel, number> = Object.fromEntries(accessLevels.map((level, i) => [level, i])) as Record<AccessLevel, number>;

export function maxLevel(a: AccessLevel, b: AccessLevel): AccessLevel {
  return rank[a] >= rank[b] ? a : b;
}

export function uniformLevels(level: AccessLevel): LevelMap {
  return Object.fromEntries(dealOperations.map((op) => [op, level])) as LevelMap;
}

/** What one viewer may do in one pipeline, all their roles combined. */
export type PipelineAccess = {
  /** The level per operation at each stage of the pipeline (stage id → levels). */
  stages: Record<number, LevelMap>;
  hideAmounts: boolean;
  /** Target stages a deal may be moved to: "any", or a list (empty: none). */
  transitions: "any" | number[];
  automation: boolean;
  personalLayout: boolean;
};

/** A viewer's effective permissions: computed once per request, read for every row. */
export type Access = {
  /** Org administrators bypass the matrix and edit it. */
  superuser: boolean;
  pipelines: Record<number, PipelineAccess>;
  /** Users of the viewer's own department ("own + my department"). */
  departmentUserIds: number[];
  /** Users of the viewer's department and every department below it. */
  subtreeUserIds: number[];
  /** Companies and contacts, all roles combined (any role that allows it). */
  clients: ClientRights;
};

export const noAccess: Access = { superuser: false, pipelines: {}, departmentUserIds: [], subtreeUserIds: [], clients: { add: false, details: false } };

/** Several roles' client rights: what any of them allows. */
export function combineClientRights(rights: ClientRights[]): ClientRights {
  return { add: rights.some((r) => r.add), details: rights.some((r) => r.details) };
}

/**
 * Several roles: the most permissive level per operation and stage (a role's stage override
 * replaces its own pipeline level for that stage, before roles are combined); amounts are hidden
 * only if every role hides them; transitions are the union.
 */
export function combineRoles(settings: RolePipelineSettings[], stageIds: number[]): PipelineAccess {
  const stages: Record<number, LevelMap> = {};
  for (const stageId of stageIds) {
    const levels = uniformLevels("none");
    for (const role of settings) {
      const override = role.stageLevels[String(stageId)] ?? {};
      for (const op of dealOperations) levels[op] = maxLevel(levels[op], override[op] ?? role.levels[op]);
    }
    stages[stageId] = levels;
  }
  let transitions: "any" | number[] = [];
  for (const role of settings) {
    if (role.transitions === "any" || transitions === "any") transitions = "any";
    else if (role.transitions !== "none") transitions = [...new Set([...transitions, ...role.transitions])];
  }
  return {
    stages,
    hideAmounts: settings.length > 0 && settings.every((s) => s.hideAmounts),
    transitions,
    automation: settings.some((s) => s.automation),
    personalLayout: settings.some((s) => s.personalLayout),
  };
}

export type OwnershipFacts = { assignedById: number; opened: boolean };

/** Does a level admit a deal with these facts, for this viewer? */
export function levelAdmits(level: AccessLevel, deal: OwnershipFacts, viewerId: number, access: Pick<Access, "departmentUserIds" | "subtreeUserIds">): boolean {
  switch (level) {
    case "none":
      return false;
    case "own":
      return deal.assignedById === viewerId;
    case "department":
      return deal.assignedById === viewerId || access.departmentUserIds.includes(deal.assignedById);
    case "subdepartments":
      return deal.assignedById === viewerId || access.subtreeUserIds.includes(deal.assignedById);
    case "open":
      return deal.opened || deal.assignedById === viewerId || access.subtreeUserIds.includes(deal.assignedById);
    case "all":
      return true;
  }
}

/** The client rights the preset roles start with: the read-only role creates no company or contact. */
export const clientRightsPresets: Record<"administrator" | "salesHead" | "salesPerson" | "readOnly", ClientRights> = {
  administrator: { add: true, details: true },
  salesHead: { add: true, details: true },
  salesPerson: { add: true, details: true },
  readOnly: { add: false, details: true },
};

/** The presets the demo org and new orgs start with. */
export const rolePresets: Record<"administrator" | "salesHead" | "salesPerson" | "readOnly", RolePipelineSettings> = {
  administrator: { levels: uniformLevels("all"), stageLevels: {}, hideAmounts: false, transitions: "any", automation: true, personalLayout: true },
  salesHead: {
    levels: { READ: "all", ADD: "all", UPDATE: "subdepartments", DELETE: "subdepartments", EXPORT: "all", IMPORT: "all" },
    stageLevels: {},
    hideAmounts: false,
    transitions: "any",
    automation: true,
    personalLayout: true,
  },
  salesPerson: {
    levels: { READ: "open", ADD: "open", UPDATE: "open", DELETE: "own", EXPORT: "own", IMPORT: "own" },
    stageLevels: {},
    hideAmounts: false,
    transitions: "any",
    automation: false,
    personalLayout: true,
  },
  readOnly: { levels: { ...uniformLevels("none"), READ: "all" }, stageLevels: {}, hideAmounts: false, transitions: "none", automation: false, personalLayout: false },
};

const level = z.enum(accessLevels);
const levelMap = z.object(Object.fromEntries(dealOperations.map((op) => [op, level])) as Record<(typeof dealOperations)[number], typeof level>);

/** The shape stored per role and pipeline, validated wherever it is written. */
export const rolePipelineSettingsSchema = z.object({
  levels: levelMap,
  stageLevels: z.record(z.string().regex(/^\d+$/), levelMap.partial()),
  hideAmounts: z.boolean(),
  transitions: z.union([z.literal("any"), z.literal("none"), z.array(z.number().int().positive())]),
  automation: z.boolean(),
  personalLayout: z.boolean(),
});
