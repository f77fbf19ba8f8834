import "server-only";
import type { Db } from "@/db/client";
import { getFieldDefinitions } from "@/lib/fields/queries";
import type { FieldDefinition } from "@/lib/fields/values";
import type { getDealFormOptions } from "@/lib/org/queries";
import { requiredPerStage } from "@/lib/pipelines/queries";
import type { Viewer } from "@/lib/permissions";
import { contactName } from "@/lib/clients/contact-name";

type FormOptions = Awaited<ReturnType<typeof getDealFormOptions>>;

/** What a move's "fill in what the stage requires" form picks from (the board's and the card's). */
export type MoveOptions = {
  customFields: FieldDefinition[];
  users: { id: number; name: string }[];
  clients: { companies: { id: number; title: string }[]; contacts: { id: number; name: string }[] };
};

/**
 * What the stages of a pipeline may ask a move to fill in: the custom fields some stage requires,
 * and whether a form needs companies and contacts or people to choose from (those are read and
 * sent to the browser only then).
 */
export async function moveNeeds(db: Db, viewer: Viewer, pipelineId: number) {
  const [required, fieldDefs] = await Promise.all([requiredPerStage(db, viewer.orgId, pipelineId), getFieldDefinitions(db, viewer)]);
  const codes = new Set([...required.values()].flat());
  const customFields = fieldDefs.filter((d) => codes.has(d.code));
  return {
    customFields,
    clientsNeeded: codes.has("companyId") || codes.has("contactIds") || customFields.some((d) => d.type === "crm"),
    usersNeeded: customFields.some((d) => d.type === "employee"),
  };
}

/** The options a move form offers, cut down to what the stages ask for (`options` is read only when they ask for any). */
export function moveOptions(needs: Awaited<ReturnType<typeof moveNeeds>>, options: FormOptions | null): MoveOptions {
  if (!options) return { customFields: needs.customFields, users: [], clients: { companies: [], contacts: [] } };
  return {
    customFields: needs.customFields,
    users: needs.usersNeeded ? options.users.filter((u) => u.active).map((u) => ({ id: u.id, name: u.name })) : [],
    clients: needs.clientsNeeded
      ? { companies: options.companies, contacts: options.contacts.map((c) => ({ id: c.id, name: contactName(c) })) }
      : { companies: [], contacts: [] },
  };
}
