import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { departments, users } from "@/db/schema";
import { ActionError } from "@/lib/actions/errors";
import type { EmployeeTarget } from "../definitions";

/** The user an employee-facing robot addresses: the deal's responsible, their department's head, or a chosen active user. */
export async function resolveEmployee(db: Db, orgId: number, responsibleId: number, target: EmployeeTarget): Promise<{ id: number; name: string }> {
  let userId = responsibleId;
  if (target.who === "user") userId = target.userId;
  if (target.who === "head") {
    const [row] = await db
      .select({ head: departments.headUserId })
      .from(users)
      .innerJoin(departments, eq(departments.id, users.departmentId))
      .where(and(eq(users.orgId, orgId), eq(users.id, responsibleId)));
    if (!row?.head) throw new ActionError("invalid", "automationRun.noHead");
    userId = row.head;
  }
  const [user] = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.id, userId), eq(users.active, true)));
  if (!user) throw new ActionError("invalid", "automationRun.employeeInactive");
  return user;
}
