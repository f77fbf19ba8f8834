import "server-only";
import { and, eq, inArray, notInArray, or, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { ActionError } from "@/lib/actions/errors";
import { dealObservers, deals } from "@/db/schema";
import { accessLevels, levelAdmits, type Access, type AccessLevel, type LevelMap } from "./levels";

export { operations } from "./operations";
export type { Operation } from "./operations";
import type { Operation } from "./operations";

/** Who is acting: every query and action takes one; `access` is computed once per request. */
export type Viewer = {
  id: number;
  orgId: number;
  name: string;
  isAdmin: boolean;
  departmentId: number | null;
  access: Access;
};

/** What the rule needs to know about a deal. */
export type DealAccessFacts = {
  orgId: number;
  pipelineId: number;
  stageId: number;
  assignedById: number;
  /** Visible to everyone (the reference's OPENED), not "not closed". */
  opened: boolean;
  observerIds?: readonly number[];
};

/** The viewer's level for an operation at a stage; "none" for pipelines and stages they have no rules for. */
export function levelAt(viewer: Viewer, operation: Operation, pipelineId: number, stageId: number): AccessLevel {
  if (viewer.access.superuser) return "all";
  return viewer.access.pipelines[pipelineId]?.stages[stageId]?.[operation] ?? "none";
}

/**
 * The one authorization rule for deals, for a single record: the role × pipeline × stage matrix.
 * Observers may read. `dealScope` is the same rule in SQL; a property test keeps them equal.
 */
export function can(viewer: Viewer, operation: Operation, deal: DealAccessFacts): boolean {
  if (deal.orgId !== viewer.orgId) return false;
  if (levelAdmits(levelAt(viewer, operation, deal.pipelineId, deal.stageId), deal, viewer.id, viewer.access)) return true;
  return operation === "READ" && (deal.observerIds ?? []).includes(viewer.id);
}

/** The deal facts the matrix reads, as columns: of `deals`, or of a table keyed by the same facts. */
export type ScopeColumns = { orgId: AnyPgColumn; stageId: AnyPgColumn; assignedById: AnyPgColumn; opened: AnyPgColumn };
const dealColumns: ScopeColumns = deals;

function levelCondition(level: AccessLevel, viewer: Viewer, asIfClosed: boolean, columns: Pick<ScopeColumns, "assignedById" | "opened">): SQL | undefined {
  const { departmentUserIds, subtreeUserIds } = viewer.access;
  const own = eq(columns.assignedById, viewer.id);
  switch (level) {
    case "none":
      return sql`false`;
    case "own":
      return own;
    case "department":
      return or(own, inArray(columns.assignedById, departmentUserIds));
    case "subdepartments":
      return or(own, inArray(columns.assignedById, subtreeUserIds));
    case "open":
      return asIfClosed ? or(own, inArray(columns.assignedById, subtreeUserIds)) : or(eq(columns.opened, true), own, inArray(columns.assignedById, subtreeUserIds));
    case "all":
      return undefined;
  }
}

/**
 * The same rule as `can`, compiled to one SQL condition over `deals`: the viewer's stages are
 * grouped by level, so the condition has at most one branch per level, however many pipelines.
 */
export function dealScope(viewer: Viewer, operation: Operation, { asIfClosed = false }: { asIfClosed?: boolean } = {}): SQL {
  const inOrg = eq(deals.orgId, viewer.orgId);
  if (viewer.access.superuser) return inOrg;
  const branches = matrixBranches(viewer, operation, dealColumns, asIfClosed);
  if (operation === "READ" && !asIfClosed) branches.push(observedBy(viewer));
  return branches.length ? and(inOrg, or(...branches))! : and(inOrg, sql`false`)!;
}

/**
 * Quotes and invoices follow their deal: readable where the deal is, and only where its amounts
 * are not hidden from the viewer (a document is all amounts), as a condition over `deals`.
 */
export function documentScope(viewer: Viewer): SQL {
  const hidden = hiddenPipelineIds(viewer);
  const scope = dealScope(viewer, "READ");
  return hidden.length ? and(scope, notInArray(deals.pipelineId, hidden))! : scope;
}

/** Deals the viewer observes: observers may read whatever the matrix says. */
export function observedBy(viewer: Viewer): SQL {
  return observes(viewer, deals.id);
}

/**
 * The same observer branch over any table carrying a deal's id in `dealId` (the analytics' reach,
 * won product and won client rows). Uncorrelated, so a scan of many rows hashes the viewer's
 * observed deals once instead of probing deal_observers for every row the matrix refused.
 */
export function observes(viewer: Viewer, dealId: AnyPgColumn): SQL {
  return sql`${dealId} in (select ${dealObservers.dealId} from ${dealObservers} where ${dealObservers.orgId} = ${viewer.orgId} and ${dealObservers.userId} = ${viewer.id})`;
}

/**
 * The matrix part of the rule (observers left out) over any table carrying the deal's access
 * facts: the board's totals are keyed by them, so a viewer's scope applies to them as to deals.
 */
export function matrixScope(viewer: Viewer, operation: Operation, columns: ScopeColumns): SQL {
  const inOrg = eq(columns.orgId, viewer.orgId);
  if (viewer.access.superuser) return inOrg;
  const branches = matrixBranches(viewer, operation, columns, false);
  return branches.length ? and(inOrg, or(...branches))! : and(inOrg, sql`false`)!;
}

/** The deal facts the matrix reads, at the level of a pipeline: of a table keyed by the deal's pipeline instead of its stage. */
export type PipelineScopeColumns = { orgId: AnyPgColumn; pipelineId: AnyPgColumn; assignedById: AnyPgColumn; opened: AnyPgColumn };

/**
 * The matrix part of the rule over a table that knows a deal's pipeline but not its stage (the
 * analytics' monthly totals): exact for every pipeline where the viewer's level is the same at all
 * its stages. Pipelines whose levels differ by stage are left out of `scope` and named in
 * `perStage`, for the caller to count from rows that know the stage.
 */
export function pipelineMatrixScope(viewer: Viewer, operation: Operation, columns: PipelineScopeColumns): { scope: SQL; perStage: number[] } {
  const inOrg = eq(columns.orgId, viewer.orgId);
  if (viewer.access.superuser) return { scope: inOrg, perStage: [] };
  const pipelinesByLevel = new Map<AccessLevel, number[]>();
  const perStage: number[] = [];
  for (const [pipelineId, pipeline] of Object.entries(viewer.access.pipelines)) {
    const levels = new Set(Object.values(pipeline.stages).map((l) => l[operation]));
    const [level] = levels;
    if (levels.size > 1) perStage.push(Number(pipelineId));
    else if (level && level !== "none") pipelinesByLevel.set(level, [...(pipelinesByLevel.get(level) ?? []), Number(pipelineId)]);
  }
  const branches: SQL[] = [];
  for (const level of accessLevels) {
    const pipelineIds = pipelinesByLevel.get(level);
    if (!pipelineIds) continue;
    const condition = levelCondition(level, viewer, false, columns);
    branches.push(condition ? and(inArray(columns.pipelineId, pipelineIds), condition)! : inArray(columns.pipelineId, pipelineIds));
  }
  return { scope: branches.length ? and(inOrg, or(...branches))! : and(inOrg, sql`false`)!, perStage };
}

/** One branch per access level: the viewer's stages at that level, and the level's condition. */
function matrixBranches(viewer: Viewer, operation: Operation, columns: ScopeColumns, asIfClosed: boolean): SQL[] {
  const stagesByLevel = new Map<AccessLevel, number[]>();
  for (const pipeline of Object.values(viewer.access.pipelines)) {
    for (const [stageId, levels] of Object.entries(pipeline.stages) as [string, LevelMap][]) {
      const level = levels[operation];
      if (level === "none") continue;
      stagesByLevel.set(level, [...(stagesByLevel.get(level) ?? []), Number(stageId)]);
    }
  }
  const branches: SQL[] = [];
  for (const level of accessLevels) {
    const stageIds = stagesByLevel.get(level);
    if (!stageIds) continue;
    // asIfClosed: the deal judged as if not open to everyone (handing it over or hiding it).
    const condition = levelCondition(level, viewer, asIfClosed, columns);
    branches.push(condition ? and(inArray(columns.stageId, stageIds), condition)! : inArray(columns.stageId, stageIds));
  }
  return branches;
}

/** May the viewer move a deal of this pipeline into the target stage (the transition rule)? */
export function canMoveTo(viewer: Viewer, pipelineId: number, targetStageId: number): boolean {
  if (viewer.access.superuser) return true;
  const transitions = viewer.access.pipelines[pipelineId]?.transitions ?? [];
  return transitions === "any" || transitions.includes(targetStageId);
}

/** Are amounts of this pipeline's deals hidden from the viewer? */
export function amountsHidden(viewer: Viewer, pipelineId: number): boolean {
  return !viewer.access.superuser && (viewer.access.pipelines[pipelineId]?.hideAmounts ?? false);
}

/** Does any pipeline hide amounts from the viewer (then lists neither sort nor filter by amount)? */
export function hidesAnyAmounts(viewer: Viewer): boolean {
  return hiddenPipelineIds(viewer).length > 0;
}

/** The pipelines whose deals' amounts the viewer may not see. */
export function hiddenPipelineIds(viewer: Viewer): number[] {
  if (viewer.access.superuser) return [];
  return Object.entries(viewer.access.pipelines)
    .filter(([, p]) => p.hideAmounts)
    .map(([id]) => Number(id));
}

/** The deal's amount as the viewer may see it: NULL where hidden, so it never leaves the database. */
export function visibleAmount(viewer: Viewer): SQL<string | null> {
  const hidden = hiddenPipelineIds(viewer);
  if (hidden.length === 0) return sql<string | null>`${deals.amount}`;
  return sql<string | null>`case when ${inArray(deals.pipelineId, hidden)} then null else ${deals.amount} end`;
}

/** May the viewer do this to some deal, anywhere (at a level other than "none")? What offers "Add deal", "Import", "Export", bulk actions. */
export function mayAnywhere(viewer: Viewer, operation: Operation): boolean {
  if (viewer.access.superuser) return true;
  return Object.values(viewer.access.pipelines).some((p) => Object.values(p.stages).some((levels) => levels[operation] !== "none"));
}

/** Importing creates deals: IMPORT and ADD somewhere. */
export function mayImport(viewer: Viewer): boolean {
  return mayAnywhere(viewer, "IMPORT") && mayAnywhere(viewer, "ADD");
}

/** Companies and contacts: may the viewer create them (pickers, imports)? */
export function mayAddClients(viewer: Viewer): boolean {
  return viewer.access.superuser || viewer.access.clients.add;
}

/** May the viewer see companies' and contacts' phones and e-mails (search, cards)? */
export function mayReadClientDetails(viewer: Viewer): boolean {
  return viewer.access.superuser || viewer.access.clients.details;
}

/** Org settings (stages, currency rates, the common card fields, roles and permissions): administrators only. */
export function maySetUp(viewer: Viewer): boolean {
  return viewer.access.superuser;
}

/** Robots and triggers of a pipeline (Deals → Automation): the role's automation permission there; administrators always. */
export function mayConfigureAutomation(viewer: Viewer, pipelineId: number): boolean {
  return viewer.access.superuser || (viewer.access.pipelines[pipelineId]?.automation ?? false);
}

/** In some pipeline: what offers the Automation link and the automation log. */
export function mayConfigureAutomationAnywhere(viewer: Viewer): boolean {
  return viewer.access.superuser || Object.values(viewer.access.pipelines).some((p) => p.automation);
}

export function requireSetUp(viewer: Viewer): void {
  if (!maySetUp(viewer)) throw new ActionError("forbidden", "errors.forbidden");
}
