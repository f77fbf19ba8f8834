import "server-only";
import type { Db } from "@/db/client";
import { rolePermissions, roles } from "@/db/schema";
import type { Locale } from "@/lib/i18n/translate";
import { clientRightsPresets, rolePresets } from "./levels";

/** The default roles' names in the org's language: roles are the org's data, named once at its creation. */
export const defaultRoleNames = {
  en: { administrator: "Administrator", salesHead: "Sales head", salesPerson: "Sales person", readOnly: "Read-only" },
  vi: { administrator: "Quản trị viên", salesHead: "Trưởng phòng kinh doanh", salesPerson: "Nhân viên kinh doanh", readOnly: "Chỉ xem" },
} as const;
export type DefaultRole = keyof (typeof defaultRoleNames)["en"];

/** The four roles every org starts with, each with its preset rules on every pipeline. */
export async function createDefaultRoles(db: Db, orgId: number, pipelineIds: number[], locale: Locale = "en"): Promise<Record<DefaultRole, number>> {
  const ids = {} as Record<DefaultRole, number>;
  for (const key of Object.keys(defaultRoleNames.en) as DefaultRole[]) {
    const [role] = await db.insert(roles).values({ orgId, name: defaultRoleNames[locale][key], clientRights: clientRightsPresets[key] }).returning({ id: roles.id });
    ids[key] = role!.id;
    if (pipelineIds.length) {
      await db.insert(rolePermissions).values(pipelineIds.map((pipelineId) => ({ orgId, roleId: role!.id, pipelineId, settings: rolePresets[key] })));
    }
  }
  return ids;
}
