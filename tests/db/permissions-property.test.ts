import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as s from "@/db/schema";
import { stageReach } from "@/lib/analytics/reach";
import { countDeals, listDealsPage, matchingDealIds } from "@/lib/deals/list/queries";
import { parseListQuery } from "@/lib/deals/list/url-state";
import type { FilterContext } from "@/lib/deals/list/sql";
import { can, canMoveTo, dealScope, hidesAnyAmounts, operations, pipelineMatrixScope, type Viewer } from "@/lib/permissions";
import { ActionError } from "@/lib/actions/errors";
import { moveDeals } from "@/lib/deals/move";
import { accessLevels, combineClientRights, combineRoles, dealOperations, noAccess, type Access, type ClientRights, type RolePipelineSettings } from "@/lib/permissions/levels";
import { ancestors, loadAccess, subtree, viewerFor } from "@/lib/permissions/load";
import { createTestDb, type TestDb } from "../helpers/db";

let handle: TestDb;
let db: Db;
beforeAll(async () => {
  handle = await createTestDb();
  db = handle.db;
});
afterAll(() => handle.close());

const PIPELINES = 2;
/** In progress (0, 2), won (1), lost (3). */
const STAGES_PER_PIPELINE = 4;
const semanticsAt = (k: number) => (k === 1 ? ("S" as const) : k === 3 ? ("F" as const) : ("P" as const));

const level = fc.constantFrom(...accessLevels);
const levelMap = fc.record(Object.fromEntries(dealOperations.map((op) => [op, level])) as Record<(typeof dealOperations)[number], typeof level>);
/** Rules for one pipeline; stage overrides refer to stage positions 0..2, mapped to ids on insert. */
const rules = fc.record({
  levels: levelMap,
  overrides: fc.dictionary(fc.constantFrom("0", "1", "2", "3"), fc.record(Object.fromEntries(dealOperations.map((op) => [op, level])), { requiredKeys: [] })),
  hideAmounts: fc.boolean(),
  /** Where deals may be moved: any stage, none, or stage positions. */
  transitions: fc.oneof(fc.constant("any" as const), fc.constant("none" as const), fc.uniqueArray(fc.nat(STAGES_PER_PIPELINE - 1), { maxLength: STAGES_PER_PIPELINE })),
});
const world = fc.record({
  departmentParents: fc.array(fc.option(fc.nat(), { nil: null }), { minLength: 1, maxLength: 5 }),
  users: fc.array(fc.record({ department: fc.option(fc.nat(), { nil: null }), admin: fc.integer({ min: 0, max: 9 }).map((n) => n === 0) }), { minLength: 1, maxLength: 5 }),
  roles: fc.array(fc.array(fc.option(rules, { nil: null }), { minLength: PIPELINES, maxLength: PIPELINES }), { minLength: 1, maxLength: 3 }),
  assignments: fc.array(fc.record({ role: fc.nat(), toUser: fc.boolean(), target: fc.nat(), withSub: fc.boolean() }), { maxLength: 6 }),
  deals: fc.array(fc.record({ pipeline: fc.nat(PIPELINES - 1), stage: fc.nat(STAGES_PER_PIPELINE - 1), user: fc.nat(), opened: fc.boolean(), observers: fc.array(fc.nat(), { maxLength: 2 }), amount: fc.integer({ min: 0, max: 1000 }) }), { maxLength: 25 }),
  /** Where an amount filter starts, for the viewers that may (and may not) filter by amount. */
  amountFrom: fc.integer({ min: 0, max: 1000 }),
});
type World = typeof world extends fc.Arbitrary<infer T> ? T : never;

/** Each random role's client rights, varied by its position. */
const clientRightsOf = (r: number) => ({ add: r % 2 === 0, details: r % 3 !== 1 });

/** Writes one random org; returns the ids the checks need. */
async function insertWorld(w: World) {
  const [org] = await db.insert(s.orgs).values({ name: "property" }).returning();
  const orgId = org!.id;
  const deptIds: number[] = [];
  for (const [i, parent] of w.departmentParents.entries()) {
    const parentId = parent === null || i === 0 ? null : deptIds[parent % i]!;
    const [d] = await db.insert(s.departments).values({ orgId, name: `d${i}`, parentId }).returning();
    deptIds.push(d!.id);
  }
  const users = await db
    .insert(s.users)
    .values(w.users.map((u, i) => ({ orgId, email: `u${i}.${orgId}@prop.test`, name: `u${i}`, passwordHash: "x", isAdmin: u.admin, departmentId: u.department === null ? null : deptIds[u.department % deptIds.length]! })))
    .returning();
  const pipelines: { id: number; stageIds: number[] }[] = [];
  for (let p = 0; p < PIPELINES; p++) {
    const [pipeline] = await db.insert(s.pipelines).values({ orgId, name: `p${p}` }).returning();
    const stageRows = await db
      .insert(s.stages)
      .values(Array.from({ length: STAGES_PER_PIPELINE }, (_, k) => ({ orgId, pipelineId: pipeline!.id, code: `S${k}`, name: `s${k}`, sort: k, color: "#000000", semantics: semanticsAt(k) })))
      .returning();
    pipelines.push({ id: pipeline!.id, stageIds: stageRows.map((r) => r.id) });
  }
  const roleIds: number[] = [];
  const clientRights = new Map<number, ClientRights>();
  const rules: { roleId: number; pipelineId: number; settings: RolePipelineSettings }[] = [];
  for (const [r, perPipeline] of w.roles.entries()) {
    const [role] = await db.insert(s.roles).values({ orgId, name: `r${r}`, clientRights: clientRightsOf(r) }).returning();
    roleIds.push(role!.id);
    clientRights.set(role!.id, clientRightsOf(r));
    for (const [p, rule] of perPipeline.entries()) {
      if (!rule) continue;
      const settings: RolePipelineSettings = {
        levels: rule.levels,
        stageLevels: Object.fromEntries(Object.entries(rule.overrides).map(([pos, levels]) => [String(pipelines[p]!.stageIds[Number(pos)]), levels])),
        hideAmounts: rule.hideAmounts,
        transitions: Array.isArray(rule.transitions) ? rule.transitions.map((pos) => pipelines[p]!.stageIds[pos]!) : rule.transitions,
        automation: false,
        personalLayout: false,
      };
      await db.insert(s.rolePermissions).values({ orgId, roleId: role!.id, pipelineId: pipelines[p]!.id, settings });
      rules.push({ roleId: role!.id, pipelineId: pipelines[p]!.id, settings });
    }
  }
  const assignments: { roleId: number; userId?: number; departmentId?: number; withSubdepartments?: boolean }[] = [];
  for (const a of w.assignments) {
    const roleId = roleIds[a.role % roleIds.length]!;
    const assignment = a.toUser ? { roleId, userId: users[a.target % users.length]!.id } : { roleId, departmentId: deptIds[a.target % deptIds.length]!, withSubdepartments: a.withSub };
    await db.insert(s.roleAssignments).values({ orgId, ...assignment });
    assignments.push(assignment);
  }
  const tree = (await db.select({ id: s.departments.id, parentId: s.departments.parentId }).from(s.departments).where(eq(s.departments.orgId, orgId))).sort((a, b) => a.id - b.id);
  const dealRows = w.deals.length
    ? await db
        .insert(s.deals)
        .values(
          w.deals.map((d, i) => {
            const pipeline = pipelines[d.pipeline]!;
            return { orgId, title: `deal ${i}`, pipelineId: pipeline.id, stageId: pipeline.stageIds[d.stage]!, stageSemantics: semanticsAt(d.stage), assignedById: users[d.user % users.length]!.id, opened: d.opened, amount: String(d.amount), beginDate: "2026-01-01", closeDate: "2026-01-08" };
          }),
        )
        .returning()
    : [];
  // Each deal's stage history (it entered its stage), from which the analytics' funnel counts.
  if (dealRows.length) await db.insert(s.stageHistory).values(dealRows.map((d) => ({ orgId, dealId: d.id, typeId: 1 as const, pipelineId: d.pipelineId, stageId: d.stageId, stageSemantics: d.stageSemantics })));
  const observerRows = w.deals.flatMap((d, i) => [...new Set(d.observers.map((o) => users[o % users.length]!.id))].map((userId) => ({ orgId, dealId: dealRows[i]!.id, userId })));
  if (observerRows.length) await db.insert(s.dealObservers).values(observerRows);
  return { users, tree, pipelines, rules, assignments, clientRights, deals: dealRows.map((d) => ({ ...d, observerIds: observerRows.filter((o) => o.dealId === d.id).map((o) => o.userId) })) };
}

/** loadAccess as the permission model says it: the roles that apply, combined per pipeline; the department subtree. */
function modelAccess(world: Awaited<ReturnType<typeof insertWorld>>, user: { id: number; isAdmin: boolean; departmentId: number | null }): Access {
  if (user.isAdmin) return { ...noAccess, superuser: true, clients: { add: true, details: true } };
  const above = user.departmentId ? ancestors(world.tree, user.departmentId).slice(1) : [];
  const roleIds = new Set(
    world.assignments
      .filter((a) => a.userId === user.id || (user.departmentId !== null && a.departmentId === user.departmentId) || (a.withSubdepartments && above.includes(a.departmentId!)))
      .map((a) => a.roleId),
  );
  const below = user.departmentId ? subtree(world.tree, user.departmentId) : [];
  const pipelines: Access["pipelines"] = {};
  for (const pipeline of world.pipelines) {
    const settings = world.rules.filter((r) => r.pipelineId === pipeline.id && roleIds.has(r.roleId)).map((r) => r.settings);
    if (settings.length) pipelines[pipeline.id] = combineRoles(settings, pipeline.stageIds);
  }
  const colleagues = world.users.filter((u) => u.departmentId !== null && below.includes(u.departmentId));
  return {
    superuser: false,
    clients: combineClientRights([...roleIds].map((id) => world.clientRights.get(id)!)),
    pipelines,
    departmentUserIds: colleagues.filter((u) => u.departmentId === user.departmentId).map((u) => u.id),
    subtreeUserIds: colleagues.map((u) => u.id),
  };
}

describe("loadAccess (property)", () => {
  it("for random department trees, roles and assignments, computes what the model says, in one round trip", async () => {
    await fc.assert(
      fc.asyncProperty(world, async (w) => {
        const inserted = await insertWorld(w);
        for (const user of inserted.users) {
          const loaded = await loadAccess(db, user);
          const expected = modelAccess(inserted, user);
          const sorted = (a: Access) => ({ ...a, departmentUserIds: [...a.departmentUserIds].sort((x, y) => x - y), subtreeUserIds: [...a.subtreeUserIds].sort((x, y) => x - y) });
          expect(sorted(loaded), user.name).toEqual(sorted(expected));
        }
      }),
      { numRuns: 40 },
    );
  });
});

const context = (viewer: Viewer): FilterContext => ({ viewerId: viewer.id, timezone: "Asia/Ho_Chi_Minh", fields: [] });
const byId = (ids: number[]) => [...ids].sort((a, b) => a - b);

/** Every deal the list page lists for a URL query, walking its pages. */
async function listedIds(viewer: Viewer, params: Record<string, string>): Promise<number[]> {
  const ids: number[] = [];
  let after: string | null = null;
  do {
    const page: Awaited<ReturnType<typeof listDealsPage>> = await listDealsPage(db, viewer, { ...parseListQuery({ ...params, size: "10" }), after }, context(viewer));
    ids.push(...page.rows.map((r) => r.id));
    after = page.next;
  } while (after);
  return byId(ids);
}

/**
 * An amount filter narrows what the viewer may filter by; where any pipeline hides amounts it
 * answers exactly as if absent on every path (list, count, "all matching" of a bulk action,
 * order), so no sequence of requests narrows a hidden amount down.
 */
async function checkAmountFilter(viewer: Viewer, from: number, readable: { id: number; amount: string }[]) {
  const filter = { amountFrom: String(from) };
  const query = parseListQuery(filter);
  const expected = hidesAnyAmounts(viewer) ? byId(readable.map((d) => d.id)) : byId(readable.filter((d) => Number(d.amount) >= from).map((d) => d.id));
  expect(await listedIds(viewer, filter), `amount filter listed for ${viewer.name}`).toEqual(expected);
  expect(byId(await matchingDealIds(db, viewer, query, context(viewer))), `amount filter in bulk for ${viewer.name}`).toEqual(expected);
  expect(await countDeals(db, viewer, query, context(viewer)), `amount filter counted for ${viewer.name}`).toBe(expected.length);
  if (!hidesAnyAmounts(viewer)) return;
  const order = async (sort: string) => (await listDealsPage(db, viewer, parseListQuery({ sort, size: "200" }), context(viewer))).rows.map((r) => r.id);
  expect(await order("amount"), `amount order for ${viewer.name}`).toEqual(await order("createdAt"));
}

describe("dealScope is can() in SQL (property)", () => {
  it("for random departments, roles, assignments and deals, every query returns exactly what can() allows", async () => {
    await fc.assert(
      fc.asyncProperty(world, async (w) => {
        const { users, deals, pipelines } = await insertWorld(w);
        for (const user of users) {
          const viewer = (await viewerFor(db, user.id))!;
          for (const op of operations) {
            const expected = deals.filter((d) => can(viewer, op, d)).map((d) => d.id).sort((a, b) => a - b);
            const scoped = (await db.select({ id: s.deals.id }).from(s.deals).where(dealScope(viewer, op))).map((r) => r.id).sort((a, b) => a - b);
            expect(scoped, `${op} for ${user.name}`).toEqual(expected);
            // Judged as if not open to everyone: the rule for handing a deal over (bulk does it in SQL).
            const closedExpected = deals.filter((d) => can(viewer, op, { ...d, opened: false, observerIds: [] })).map((d) => d.id).sort((a, b) => a - b);
            const closedScoped = (await db.select({ id: s.deals.id }).from(s.deals).where(dealScope(viewer, op, { asIfClosed: true }))).map((r) => r.id).sort((a, b) => a - b);
            expect(closedScoped, `${op} as if closed for ${user.name}`).toEqual(closedExpected);
            if (op !== "READ") continue;
            // The analytics' totals know a deal's pipeline, not its stage: exact where the rules do not differ by stage.
            const { scope, perStage } = pipelineMatrixScope(viewer, op, { orgId: s.deals.orgId, pipelineId: s.deals.pipelineId, assignedById: s.deals.assignedById, opened: s.deals.opened });
            const byPipeline = (await db.select({ id: s.deals.id }).from(s.deals).where(scope)).map((r) => r.id).sort((a, b) => a - b);
            expect(byPipeline, `by pipeline for ${user.name}`).toEqual(deals.filter((d) => !perStage.includes(d.pipelineId) && can(viewer, op, { ...d, observerIds: [] })).map((d) => d.id).sort((a, b) => a - b));
            // The list page's query and the funnel's counts agree with the rule too.
            expect(await listedIds(viewer, {})).toEqual(expected);
            await checkFunnel(viewer, pipelines, deals.filter((d) => can(viewer, op, d)));
            await checkAmountFilter(viewer, w.amountFrom, deals.filter((d) => can(viewer, op, d)));
          }
        }
      }),
      { numRuns: 30 },
    );
  });
});

/**
 * The funnel counts, per stage, the readable deals that reached it (each deal entered its current
 * stage): a stage in progress every deal now in it, past it in progress, or won; a final stage the
 * deals in it. Over months (the totals) and days around them (the reach rows).
 */
async function checkFunnel(viewer: Viewer, pipelines: { id: number; stageIds: number[] }[], readable: { pipelineId: number; stageId: number }[]) {
  const stages = pipelines.flatMap((p) => p.stageIds.map((id, k) => ({ id, pipelineId: p.id, semantics: semanticsAt(k), sort: k })));
  const context = { viewerId: viewer.id, timezone: "UTC", fields: [], baseCurrency: "VND", rates: {} };
  const figures = await stageReach(db, viewer, { from: "2000-01-15", to: "2100-01-01" }, { pipelineIds: pipelines.map((p) => p.id), responsibleIds: null }, stages, context);
  for (const stage of stages) {
    const expected = readable.filter((d) => {
      const at = stages.find((x) => x.id === d.stageId)!;
      return d.stageId === stage.id || (at.pipelineId === stage.pipelineId && stage.semantics === "P" && (at.semantics === "S" || (at.semantics === "P" && at.sort >= stage.sort)));
    }).length;
    expect(figures.get(stage.id)?.count ?? 0, `funnel stage ${stage.id} for ${viewer.name}`).toBe(expected);
  }
}

class Rollback extends Error {}

describe("a board move follows the rule, won and lost stages and transitions included (property)", () => {
  it("succeeds exactly when the viewer may read and change the deal, may move to the target and may change it there", async () => {
    await fc.assert(
      fc.asyncProperty(world, fc.array(fc.record({ deal: fc.nat(), target: fc.nat(STAGES_PER_PIPELINE - 1) }), { minLength: 1, maxLength: 4 }), async (w, moves) => {
        const { users, deals, pipelines } = await insertWorld(w);
        if (deals.length === 0) return;
        for (const user of users) {
          const viewer = (await viewerFor(db, user.id))!;
          for (const move of moves) {
            const deal = deals[move.deal % deals.length]!;
            const targetId = pipelines.find((p) => p.id === deal.pipelineId)!.stageIds[move.target]!;
            // A deal the viewer may not read is not found, whatever else the role says.
            const expected =
              can(viewer, "READ", deal) &&
              can(viewer, "UPDATE", deal) && (targetId === deal.stageId || (canMoveTo(viewer, deal.pipelineId, targetId) && can(viewer, "UPDATE", { ...deal, stageId: targetId })));
            // Tried in a transaction that is rolled back, so every move starts from the same world.
            const moved = await db
              .transaction(async (tx) => {
                await moveDeals(tx as unknown as Db, viewer, [deal.id], { stageId: targetId, afterId: null });
                throw new Rollback();
              })
              .then(
                () => false,
                (error: unknown) => {
                  if (error instanceof Rollback) return true;
                  if (error instanceof ActionError) return false;
                  throw error;
                },
              );
            expect(moved, `${user.name} moves deal ${deal.id} from stage ${deal.stageId} to ${targetId}`).toBe(expected);
          }
        }
      }),
      { numRuns: 25 },
    );
  });
});
