import "server-only";
import type { Db } from "@/db/client";
import { rolePermissions, roles } from "@/db/schema";
import { clientRightsPresets, rolePresets } from "./levels";

export const defaultRoleNames = { administrator: "Administrator", salesHead: "Sales head", salesPerson: "Sales person", readOnly: "Read-only" } as const;
export type DefaultRole = keyof typeof defaultRoleNames;

/** The four roles every org starts with, each with its preset rules on every pipeline. */
export async function createDefaultRoles(db: Db, orgId: number, pipelineIds: number[]): Promise<Record<DefaultRole, number>> {
  const ids = {} as Record<DefaultRole, number>;
  for (const key of Object.keys(defaultRoleNames) as DefaultRole[]) {
    const [role] = await db.insert(roles).values({ orgId, name: defaultRoleNames[key], clientRights: clientRightsPresets[key] }).returning({ id: roles.id });
    ids[key] = role!.id;
    if (pipelineIds.length) {
      await db.insert(rolePermissions).values(pipelineIds.map((pipelineId) => ({ orgId, roleId: role!.id, pipelineId, settings: rolePresets[key] })));
    }
  }
  return ids;
}
