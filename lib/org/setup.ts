import "server-only";
import { count, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { orgs, pipelines, roleAssignments, stages, users } from "@/db/schema";
import { defaultStages } from "@/db/seed-data";
import { hashPassword } from "@/lib/auth/password";
import { createDefaultRoles } from "@/lib/permissions/defaults";

export type NewOrg = { orgName: string; adminEmail: string; adminName: string; password: string; locale: "en" | "vi" };

/** A working org from nothing: one default pipeline with the reference's stages, the default roles, and its administrator. */
export async function createOrgWithAdmin(db: Db, input: NewOrg): Promise<{ orgId: number; userId: number }> {
  return db.transaction(async (tx0) => {
    const tx = tx0 as unknown as Db;
    const [taken] = await tx.select({ n: count() }).from(users).where(sql`lower(${users.email}) = ${input.adminEmail.toLowerCase()}`);
    if (taken!.n > 0) throw new Error(`A user with the e-mail ${input.adminEmail} exists already.`);
    const [org] = await tx.insert(orgs).values({ name: input.orgName, defaultLocale: input.locale }).returning({ id: orgs.id });
    const orgId = org!.id;
    const [pipeline] = await tx
      .insert(pipelines)
      .values({ orgId, name: input.locale === "vi" ? "Bán hàng" : "Sales", sort: 10, isDefault: true })
      .returning({ id: pipelines.id });
    await tx.insert(stages).values(
      defaultStages.map((st) => ({ orgId, pipelineId: pipeline!.id, code: st.code, name: st[input.locale], sort: st.sort, color: st.color, semantics: st.semantics, isSystem: st.system })),
    );
    const roleIds = await createDefaultRoles(tx, orgId, [pipeline!.id], input.locale);
    const [user] = await tx
      .insert(users)
      .values({ orgId, email: input.adminEmail, name: input.adminName, passwordHash: await hashPassword(input.password), isAdmin: true })
      .returning({ id: users.id });
    await tx.insert(roleAssignments).values({ orgId, roleId: roleIds.administrator, userId: user!.id });
    return { orgId, userId: user!.id };
  });
}
