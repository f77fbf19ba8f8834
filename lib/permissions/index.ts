import { and, eq, or, sql, type SQL } from "drizzle-orm";
import { dealObservers, deals } from "@/db/schema";

/** Who is acting: every query and action takes one. */
export type Viewer = {
  id: number;
  orgId: number;
  name: string;
  isAdmin: boolean;
  departmentId: number | null;
};

export const operations = ["READ", "ADD", "UPDATE", "DELETE", "EXPORT", "IMPORT"] as const;
export type Operation = (typeof operations)[number];

/** What the rule needs to know about a deal. */
export type DealAccessFacts = {
  orgId: number;
  assignedById: number;
  opened: boolean;
  observerIds?: readonly number[];
};

/**
 * The one authorization rule for deals, for a single record.
 * Today: administrators may do everything in their org; everyone else may work with deals
 * they are responsible for and with deals open to everyone; observers may read.
 * The role × pipeline × stage matrix replaces the body, not the signature.
 */
export function can(viewer: Viewer, operation: Operation, deal: DealAccessFacts): boolean {
  if (deal.orgId !== viewer.orgId) return false;
  if (viewer.isAdmin) return true;
  if (deal.assignedById === viewer.id || deal.opened) return true;
  return operation === "READ" && (deal.observerIds ?? []).includes(viewer.id);
}

/** May the viewer create a deal at all (in some pipeline)? */
export function canAdd(viewer: Viewer): boolean {
  return viewer.orgId > 0;
}

/**
 * The same rule as `can`, compiled to one SQL condition over `deals` for queries over many rows.
 * A property test checks that the two always agree.
 */
export function dealScope(viewer: Viewer, operation: Operation): SQL {
  const inOrg = eq(deals.orgId, viewer.orgId);
  if (viewer.isAdmin) return inOrg;
  const observer =
    operation === "READ"
      ? sql`exists (select 1 from ${dealObservers} where ${dealObservers.dealId} = ${deals.id} and ${dealObservers.userId} = ${viewer.id})`
      : undefined;
  return and(inOrg, or(eq(deals.assignedById, viewer.id), eq(deals.opened, true), observer))!;
}
