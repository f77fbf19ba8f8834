"use server";

import { z } from "zod";
import { companies, contacts } from "@/db/schema";
import { defineAction } from "@/lib/actions/action";
import { ActionError } from "@/lib/actions/errors";
import { mayAddClients, type Viewer } from "@/lib/permissions";

/** Companies and contacts have their own rule (the role's client rights): creating one needs "add". */
function requireAddClients(viewer: Viewer): void {
  if (!mayAddClients(viewer)) throw new ActionError("forbidden", "clients.mayNotAdd");
}

const text = (max: number) => z.string().trim().max(max).optional().transform((v) => v || null);
const communication = (value: string | null) => (value ? [{ value, kind: "WORK" }] : []);
const email = z
  .string()
  .trim()
  .max(254)
  .optional()
  .transform((v) => v || null)
  .refine((v) => v === null || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v));

/** "Create a company" from the client picker: a name, and a phone and an e-mail if known. */
export const createCompanyAction = defineAction({
  schema: ({ t }) => z.object({ title: z.string().trim().min(1, t("errors.required")).max(255, t("errors.tooLong", { max: 255 })), phone: text(50), email }),
  async run({ title, phone, email: mail }, { db, viewer }) {
    requireAddClients(viewer);
    const [row] = await db
      .insert(companies)
      .values({ orgId: viewer.orgId, title, phones: communication(phone), emails: communication(mail), assignedById: viewer.id })
      .returning({ id: companies.id });
    return { message: "clients.created", data: { id: row!.id, label: title } };
  },
});

/** "Create a contact" from the client picker: a name (family name first, as written in Vietnamese), a phone, an e-mail. */
export const createContactAction = defineAction({
  schema: ({ t }) => z.object({ name: z.string().trim().min(1, t("errors.required")).max(255, t("errors.tooLong", { max: 255 })), lastName: text(255), phone: text(50), email }),
  async run({ name, lastName, phone, email: mail }, { db, viewer }) {
    requireAddClients(viewer);
    const [row] = await db
      .insert(contacts)
      .values({ orgId: viewer.orgId, name, lastName, phones: communication(phone), emails: communication(mail), assignedById: viewer.id })
      .returning({ id: contacts.id });
    return { message: "clients.created", data: { id: row!.id, label: [lastName, name].filter(Boolean).join(" ") } };
  },
});
