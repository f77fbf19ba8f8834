import "server-only";
import { createHash } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import { simpleParser } from "mailparser";
import { queryRows, type Db } from "@/db/client";
import { orgs, users } from "@/db/schema";
import { createActivity } from "@/lib/activities/service";
import { DESCRIPTION_MAX, SUBJECT_MAX } from "@/lib/activities/form-schema";
import { isLocale, translator } from "@/lib/i18n/translate";
import { can, type Viewer } from "@/lib/permissions";
import { viewerFor } from "@/lib/permissions/load";
import { onEmailReceived } from "./detect";
import { hitRateLimit } from "./rate-limit";

/**
 * E-mail from clients (trigger kind "emailReceived"): a mail server forwards each raw message
 * (RFC 822) to /api/automation/inbound-email. The sender's address finds the deal: the newest
 * open deal whose primary contact or company has that address (else the newest closed one). The
 * message lands on the deal's timeline as an incoming e-mail, an open activity of its responsible
 * (the "incoming" counter), and the deal's pipeline's e-mail triggers fire.
 */

export const INBOUND_EMAIL_MAX_BYTES = 5 * 1024 * 1024;

export type InboundEmail = { from: string; fromName: string | null; subject: string | null; text: string; messageId: string | null };

/** The parts of a raw message the CRM keeps; null when it names no sender. Attachments are not kept. */
export async function parseInboundEmail(raw: Buffer): Promise<InboundEmail | null> {
  const mail = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true, maxHtmlLengthToParse: INBOUND_EMAIL_MAX_BYTES });
  const sender = mail.from?.value.find((a) => a.address);
  if (!sender?.address) return null;
  return {
    from: sender.address.trim().toLowerCase(),
    fromName: sender.name?.trim() || null,
    subject: mail.subject?.trim() || null,
    text: (mail.text ?? "").trim(),
    messageId: mail.messageId ?? null,
  };
}

type MatchedDeal = { id: number; org_id: number; pipeline_id: number; stage_id: number; assigned_by_id: number; opened: boolean };

/**
 * The deal an address belongs to: of the deals whose primary contact or whose company has it
 * (any case), the newest open one, else the newest. Both lookups use the e-mail indexes of
 * contacts and companies (lower-cased jsonb, containment).
 */
export async function dealOfSender(db: Db, orgId: number, address: string): Promise<MatchedDeal | null> {
  const pattern = JSON.stringify([{ value: address.toLowerCase() }]);
  const [deal] = await queryRows<MatchedDeal>(db, sql`
    with senders as (
      select id from contacts where org_id = ${orgId} and lower(emails::text)::jsonb @> ${pattern}::jsonb
    ), firms as (
      select id from companies where org_id = ${orgId} and lower(emails::text)::jsonb @> ${pattern}::jsonb
    ), matched as (
      select d.id from deals d join firms f on f.id = d.company_id where d.org_id = ${orgId}
      union
      select dc.deal_id from deal_contacts dc join senders s on s.id = dc.contact_id where dc.org_id = ${orgId} and dc.is_primary
    )
    select d.id, d.org_id, d.pipeline_id, d.stage_id, d.assigned_by_id, d.opened
    from deals d join matched m on m.id = d.id
    where d.org_id = ${orgId}
    order by d.closed, d.created_at desc, d.id desc
    limit 1`);
  return deal ?? null;
}

/**
 * Who files the e-mail: the deal's responsible when they may change the deal, else the org's
 * first active administrator (the activity service requires UPDATE of whoever writes).
 */
async function clerkFor(db: Db, deal: MatchedDeal): Promise<Viewer | null> {
  const facts = { orgId: deal.org_id, pipelineId: deal.pipeline_id, stageId: deal.stage_id, assignedById: deal.assigned_by_id, opened: deal.opened };
  const responsible = await viewerFor(db, deal.assigned_by_id);
  if (responsible && can(responsible, "UPDATE", facts)) return responsible;
  const [admin] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.orgId, deal.org_id), eq(users.isAdmin, true), eq(users.active, true)))
    .orderBy(asc(users.id))
    .limit(1);
  return admin ? viewerFor(db, admin.id) : null;
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export type Received = { dealId: number | null; duplicate?: boolean };

/**
 * Files one inbound message for the org, in the caller's transaction: the activity on the
 * matched deal and its triggers' jobs. A message seen before (same Message-ID within a day: the
 * mail server retried) is filed once.
 */
export async function receiveEmail(db: Db, orgId: number, mail: InboundEmail, now = new Date()): Promise<Received> {
  const deal = await dealOfSender(db, orgId, mail.from);
  if (!deal) return { dealId: null };
  if (mail.messageId) {
    const digest = createHash("sha256").update(mail.messageId).digest("base64url");
    const first = await hitRateLimit(db, `inbound-mail:${orgId}:${digest}`, 1, 86_400, now);
    if (!first.allowed) return { dealId: deal.id, duplicate: true };
  }
  const clerk = await clerkFor(db, deal);
  if (!clerk) return { dealId: null };
  const [org] = await db.select({ locale: orgs.defaultLocale }).from(orgs).where(eq(orgs.id, orgId));
  const t = translator(isLocale(org?.locale) ? org.locale : "en");
  const sender = mail.fromName ? `${mail.fromName} <${mail.from}>` : mail.from;
  const description = clip(`${t("triggers.inbound.from", { sender })}\n\n${mail.text}`, DESCRIPTION_MAX);
  await createActivity(db, clerk, deal.id, {
    type: "email",
    direction: "incoming",
    subject: clip(mail.subject ?? t("triggers.inbound.noSubject"), SUBJECT_MAX),
    description,
    deadline: now,
    responsibleId: clerk.id,
    reminders: [],
  }, now);
  await onEmailReceived(db, orgId, { id: deal.id, stageId: deal.stage_id });
  return { dealId: deal.id };
}
