import { describe, expect, it } from "vitest";
import { amountsHidden, can, canMoveTo, levelAt, type Viewer } from "@/lib/permissions";
import { combineRoles, levelAdmits, maxLevel, noAccess, rolePresets, uniformLevels, type Access, type RolePipelineSettings } from "@/lib/permissions/levels";
import { ancestors, subtree } from "@/lib/permissions/load";

// Pipeline 1 has stages 11 (NEW), 12 (WON); pipeline 2 has stage 21.
const STAGES = { 1: [11, 12], 2: [21] } as const;
const me = 100;
const colleague = 101; // same department
const report = 102; // a sub-department
const stranger = 103; // elsewhere

function viewerWith(roles: Record<number, RolePipelineSettings[]>): Viewer {
  const pipelines: Access["pipelines"] = {};
  for (const [pipelineId, settings] of Object.entries(roles)) pipelines[Number(pipelineId)] = combineRoles(settings, [...STAGES[Number(pipelineId) as 1 | 2]]);
  return { id: me, orgId: 1, name: "me", isAdmin: false, departmentId: 1, access: { superuser: false, pipelines, departmentUserIds: [me, colleague], subtreeUserIds: [me, colleague, report], clients: { add: true, details: true } } };
}
const role = (levels: Partial<RolePipelineSettings["levels"]>, extra: Partial<RolePipelineSettings> = {}): RolePipelineSettings => ({
  ...rolePresets.readOnly,
  levels: { ...uniformLevels("none"), ...levels },
  transitions: "any",
  ...extra,
});
const deal = (assignedById: number, extra: Partial<{ opened: boolean; stageId: number; pipelineId: number; observerIds: number[]; orgId: number }> = {}) => ({
  orgId: 1,
  pipelineId: 1,
  stageId: 11,
  opened: false,
  assignedById,
  ...extra,
});

describe("levels", () => {
  const access = { departmentUserIds: [me, colleague], subtreeUserIds: [me, colleague, report] };
  const admits = (level: Parameters<typeof levelAdmits>[0], assignedById: number, opened = false) => levelAdmits(level, { assignedById, opened }, me, access);

  it("own: only deals I am responsible for", () => {
    expect([me, colleague, report, stranger].map((u) => admits("own", u))).toEqual([true, false, false, false]);
  });
  it("department: mine and my department's", () => {
    expect([me, colleague, report, stranger].map((u) => admits("department", u))).toEqual([true, true, false, false]);
  });
  it("sub-departments: mine, my department's and those below it", () => {
    expect([me, colleague, report, stranger].map((u) => admits("subdepartments", u))).toEqual([true, true, true, false]);
  });
  it("all open: the above plus every deal open to everyone", () => {
    expect(admits("open", stranger)).toBe(false);
    expect(admits("open", stranger, true)).toBe(true);
    expect(admits("open", report)).toBe(true);
  });
  it("all and none", () => {
    expect(admits("all", stranger)).toBe(true);
    expect(admits("none", me, true)).toBe(false);
  });
  it("are ordered, so the most permissive wins", () => {
    expect(maxLevel("own", "open")).toBe("open");
    expect(maxLevel("all", "none")).toBe("all");
  });
});

describe("can", () => {
  it("applies the level of the deal's pipeline and operation", () => {
    const viewer = viewerWith({ 1: [role({ READ: "open", UPDATE: "own" })] });
    expect(can(viewer, "READ", deal(stranger, { opened: true }))).toBe(true);
    expect(can(viewer, "UPDATE", deal(stranger, { opened: true }))).toBe(false);
    expect(can(viewer, "UPDATE", deal(me))).toBe(true);
    expect(can(viewer, "DELETE", deal(me))).toBe(false);
  });
  it("refuses pipelines the viewer has no rules for, and other orgs", () => {
    const viewer = viewerWith({ 1: [role({ READ: "all" })] });
    expect(can(viewer, "READ", deal(me, { pipelineId: 2, stageId: 21 }))).toBe(false);
    expect(can(viewer, "READ", deal(me, { orgId: 2 }))).toBe(false);
  });
  it("lets a stage override the pipeline's level, in either direction", () => {
    const viewer = viewerWith({ 1: [role({ READ: "own", UPDATE: "all" }, { stageLevels: { "12": { READ: "all", UPDATE: "none" } } })] });
    expect(can(viewer, "READ", deal(stranger, { stageId: 11 }))).toBe(false);
    expect(can(viewer, "READ", deal(stranger, { stageId: 12 }))).toBe(true);
    expect(can(viewer, "UPDATE", deal(me, { stageId: 11 }))).toBe(true);
    expect(can(viewer, "UPDATE", deal(me, { stageId: 12 }))).toBe(false);
  });
  it("gives a user with several roles the most permissive level per operation and stage", () => {
    const restrictive = role({ READ: "own", UPDATE: "department" }, { stageLevels: { "12": { UPDATE: "none" } } });
    const permissive = role({ READ: "open", UPDATE: "own" });
    const viewer = viewerWith({ 1: [restrictive, permissive] });
    expect(levelAt(viewer, "READ", 1, 11)).toBe("open");
    expect(levelAt(viewer, "UPDATE", 1, 11)).toBe("department");
    // The restrictive role's override takes its own level away at WON; the other role still gives "own".
    expect(levelAt(viewer, "UPDATE", 1, 12)).toBe("own");
  });
  it("lets observers read, never change", () => {
    const viewer = viewerWith({ 1: [role({ READ: "own", UPDATE: "own" })] });
    expect(can(viewer, "READ", deal(stranger, { observerIds: [me] }))).toBe(true);
    expect(can(viewer, "UPDATE", deal(stranger, { observerIds: [me] }))).toBe(false);
  });
  it("lets superusers do everything in their org, nothing elsewhere", () => {
    const admin: Viewer = { id: 1, orgId: 1, name: "a", isAdmin: true, departmentId: null, access: { ...noAccess, superuser: true } };
    expect(can(admin, "DELETE", deal(stranger, { pipelineId: 99, stageId: 999 }))).toBe(true);
    expect(can(admin, "READ", deal(stranger, { orgId: 2 }))).toBe(false);
  });
});

describe("transitions and hidden amounts", () => {
  it("allows any stage, none, or the listed target stages; several roles add up", () => {
    expect(canMoveTo(viewerWith({ 1: [role({}, { transitions: "any" })] }), 1, 12)).toBe(true);
    expect(canMoveTo(viewerWith({ 1: [role({}, { transitions: "none" })] }), 1, 12)).toBe(false);
    expect(canMoveTo(viewerWith({ 1: [role({}, { transitions: [11] })] }), 1, 12)).toBe(false);
    expect(canMoveTo(viewerWith({ 1: [role({}, { transitions: [11] }), role({}, { transitions: [12] })] }), 1, 12)).toBe(true);
    expect(canMoveTo(viewerWith({ 1: [role({}, { transitions: "none" }), role({}, { transitions: "any" })] }), 1, 12)).toBe(true);
    expect(canMoveTo(viewerWith({}), 1, 12)).toBe(false);
  });
  it("hides amounts only when every role hides them", () => {
    expect(amountsHidden(viewerWith({ 1: [role({}, { hideAmounts: true })] }), 1)).toBe(true);
    expect(amountsHidden(viewerWith({ 1: [role({}, { hideAmounts: true }), role({})] }), 1)).toBe(false);
    expect(amountsHidden(viewerWith({ 1: [role({}, { hideAmounts: true })] }), 2)).toBe(false);
  });
});

describe("department trees", () => {
  const tree = [
    { id: 1, parentId: null },
    { id: 2, parentId: 1 },
    { id: 3, parentId: 2 },
    { id: 4, parentId: 1 },
  ];
  it("finds a department's sub-tree and its ancestors", () => {
    expect(subtree(tree, 2)).toEqual([2, 3]);
    expect(subtree(tree, 1).sort()).toEqual([1, 2, 3, 4]);
    expect(ancestors(tree, 3)).toEqual([3, 2, 1]);
  });
  it("survives a cycle in bad data", () => {
    const cyclic = [
      { id: 1, parentId: 2 },
      { id: 2, parentId: 1 },
    ];
    expect(subtree(cyclic, 1)).toEqual([1, 2]);
    expect(ancestors(cyclic, 1)).toEqual([1, 2]);
  });
});
