import type { Db } from "@/db/client";
import * as s from "@/db/schema";
import { defaultStages } from "@/db/seed-data";
import type { DealInput } from "@/lib/deals/form-schema";
import type { FieldDefinitionInput } from "@/lib/fields/service";
import type { Viewer } from "@/lib/permissions";
import { createDefaultRoles } from "@/lib/permissions/defaults";
import { viewerFor } from "@/lib/permissions/load";
import { createTestDb, type TestDb } from "./db";

/** A small org: an admin, two sales people, two pipelines with the default stages, a company and contacts. */
export async function makeOrg(db: Db, name = "Test org") {
  const [org] = await db.insert(s.orgs).values({ name, timezone: "Asia/Ho_Chi_Minh" }).returning();
  const orgId = org!.id;
  // Sales ⊃ Team A. The seller is in Team A, "other" in Sales itself: outside the seller's department.
  const [sales] = await db.insert(s.departments).values({ orgId, name: "Sales" }).returning();
  const [teamA] = await db.insert(s.departments).values({ orgId, name: "Team A", parentId: sales!.id }).returning();
  const mk = (email: string, isAdmin: boolean, departmentId: number) => ({ orgId, email: `${email}.${orgId}@test.local`, name: email, passwordHash: "x", isAdmin, departmentId });
  const [admin, seller, other] = await db
    .insert(s.users)
    .values([mk("admin", true, sales!.id), mk("seller", false, teamA!.id), mk("other", false, sales!.id)])
    .returning();
  const pipelines: (typeof s.pipelines.$inferSelect & { stages: (typeof s.stages.$inferSelect)[] })[] = [];
  for (const [i, pname] of ["Sales", "Projects"].entries()) {
    const [p] = await db.insert(s.pipelines).values({ orgId, name: pname, sort: i, isDefault: i === 0 }).returning();
    const stages = await db
      .insert(s.stages)
      .values(defaultStages.map((st) => ({ orgId, pipelineId: p!.id, code: st.code, name: st.en, sort: st.sort, color: st.color, semantics: st.semantics, isSystem: st.system })))
      .returning();
    pipelines.push({ ...p!, stages });
  }
  const [company] = await db.insert(s.companies).values({ orgId, title: "Công ty Sao Mai" }).returning();
  const contacts = await db
    .insert(s.contacts)
    .values([
      { orgId, name: "Văn An", lastName: "Nguyễn", companyId: company!.id },
      { orgId, name: "Thị Bích", lastName: "Trần", companyId: company!.id },
    ])
    .returning();
  const roleIds = await createDefaultRoles(db, orgId, pipelines.map((p) => p.id));
  await db.insert(s.roleAssignments).values({ orgId, roleId: roleIds.salesPerson, departmentId: sales!.id, withSubdepartments: true });
  const viewer = async (u: typeof admin): Promise<Viewer> => (await viewerFor(db, u!.id))!;
  /** A stage of pipeline `index` (0 or 1) by its code, e.g. stage(0, "WON"). */
  const stage = (index: number, code: string) => pipelines[index]!.stages.find((st) => st.code === code)!;
  return { orgId, stage, roleIds, departments: { sales: sales!, teamA: teamA! }, admin: await viewer(admin), seller: await viewer(seller), other: await viewer(other), pipelines, company: company!, contacts };
}

export function dealInput(overrides: Partial<DealInput> & { stageId: number }): DealInput {
  return {
    title: null,
    amount: "0",
    currency: "VND",
    probability: null,
    assignedById: null,
    companyId: null,
    contactIds: [],
    beginDate: null,
    closeDate: null,
    opened: true,
    sourceId: null,
    sourceDescription: null,
    typeId: null,
    comments: null,
    ...overrides,
  };
}

export type TestOrg = Awaited<ReturnType<typeof makeOrg>>;

/** A fresh database (see createTestDb) with one org in it: what most database test files start from. */
export async function openOrgDatabase(): Promise<{ handle: TestDb; db: Db; org: TestOrg }> {
  const handle = await createTestDb();
  return { handle, db: handle.db, org: await makeOrg(handle.db) };
}

/** A custom field definition as Settings → Fields sends it, with plain defaults. */
export function fieldInput(overrides: Partial<FieldDefinitionInput> & { label: string }): FieldDefinitionInput {
  return {
    type: "string",
    code: null,
    multiple: false,
    mandatory: false,
    showInFilter: false,
    showInList: false,
    sort: 100,
    multiline: false,
    precision: 2,
    options: [],
    target: "company",
    maxSizeMb: 10,
    extensions: [],
    visibleUsers: [],
    visibleDepartments: [],
    ...overrides,
  };
}
