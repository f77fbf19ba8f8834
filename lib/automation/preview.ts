import "server-only";
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { deals, orgs } from "@/db/schema";
import { isLocale, type Locale } from "@/lib/i18n/translate";
import { composeEmail, composeSms, type ComposedMessage } from "@/lib/messaging/compose";
import { smsSegments } from "@/lib/messaging/sms-segments";
import { previewTemplateContext } from "@/lib/messaging/template-context";
import { dealScope, type Viewer } from "@/lib/permissions";
import { robotConfigs } from "./definitions";

export type RobotPreview =
  | { state: "ready"; deal: { id: number; title: string }; message: ComposedMessage; segments: ReturnType<typeof smsSegments> | null }
  /** The deal asked for is not one the viewer may read (or does not exist: the same answer). */
  | { state: "notFound"; dealId: number }
  /** No deal to preview with: none the viewer may read in the pipeline. */
  | { state: "noDeal" };

/** A deal to preview with when none was asked for: the latest changed one the viewer may read in the robot's stage, else in its pipeline. */
async function sampleDeal(db: Db, viewer: Viewer, robot: { pipelineId: number; stageId: number }): Promise<number | null> {
  for (const where of [eq(deals.stageId, robot.stageId), eq(deals.pipelineId, robot.pipelineId)]) {
    const [row] = await db
      .select({ id: deals.id })
      .from(deals)
      .where(and(eq(deals.orgId, viewer.orgId), where, dealScope(viewer, "READ")))
      .orderBy(desc(deals.updatedAt))
      .limit(1);
    if (row) return row.id;
  }
  return null;
}

/**
 * An e-mail or SMS robot's saved templates filled from a real deal, as the client would receive
 * them (in the org's language, the robots' language): only a deal the viewer may read, with what
 * their role hides left out. Null for a robot that sends nothing.
 */
export async function previewRobotMessage(db: Db, viewer: Viewer, robot: { kind: string; config: unknown; pipelineId: number; stageId: number }, dealId: number | null): Promise<RobotPreview | null> {
  if (robot.kind !== "email" && robot.kind !== "sms") return null;
  const config = robotConfigs[robot.kind].safeParse(robot.config);
  if (!config.success) return null;
  const id = dealId ?? (await sampleDeal(db, viewer, robot));
  if (id === null) return { state: "noDeal" };
  const [org] = await db.select({ locale: orgs.defaultLocale }).from(orgs).where(eq(orgs.id, viewer.orgId));
  const locale: Locale = org && isLocale(org.locale) ? org.locale : "vi";
  const context = await previewTemplateContext(db, viewer, id, locale);
  if (!context) return { state: "notFound", dealId: id };
  const message = "subject" in config.data ? composeEmail(config.data, context) : composeSms(config.data as { text: string }, context);
  return { state: "ready", deal: { id, title: context.values["deal.title"] ?? "" }, message, segments: message.channel === "sms" ? smsSegments(message.body) : null };
}
