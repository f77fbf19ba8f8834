import type { Db } from "@/db/client";
import * as s from "@/db/schema";
import { defaultStages } from "@/db/seed-data";
import type { DealInput } from "@/lib/deals/form-schema";
import type { Viewer } from "@/lib/permissions";

/** A small org: an admin, two sales people, two pipelines with the default stages, a company and contacts. */
export async function makeOrg(db: Db, name = "Test org") {
  const [org] = await db.insert(s.orgs).values({ name, timezone: "Asia/Ho_Chi_Minh" }).returning();
  const orgId = org!.id;
  const [dept] = await db.insert(s.departments).values({ orgId, name: "Sales" }).returning();
  const mk = (email: string, isAdmin: boolean) => ({ orgId, email: `${email}.${orgId}@test.local`, name: email, passwordHash: "x", isAdmin, departmentId: dept!.id });
  const [admin, seller, other] = await db.insert(s.users).values([mk("admin", true), mk("seller", false), mk("other", false)]).returning();
  const pipelines = [];
  for (const [i, pname] of ["Sales", "Projects"].entries()) {
    const [p] = await db.insert(s.pipelines).values({ orgId, name: pname, sort: i, isDefault: i === 0 }).returning();
    const stages = await db
      .insert(s.stages)
      .values(defaultStages.map((st) => ({ orgId, pipelineId: p!.id, code: st.code, name: st.en, sort: st.sort, color: st.color, semantics: st.semantics })))
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
  const viewer = (u: typeof admin): Viewer => ({ id: u!.id, orgId, name: u!.name, isAdmin: u!.isAdmin, departmentId: u!.departmentId });
  return { orgId, admin: viewer(admin), seller: viewer(seller), other: viewer(other), pipelines, company: company!, contacts };
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
