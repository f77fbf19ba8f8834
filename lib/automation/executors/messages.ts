import "server-only";
import { ActionError } from "@/lib/actions/errors";
import { isLocale, type Locale } from "@/lib/i18n/translate";
import { queueMessage } from "@/lib/messaging/queue";
import { loadTemplateContext } from "@/lib/messaging/template-context";
import { assertKnownPlaceholders } from "@/lib/messaging/template";
import { composeEmail, composeSms } from "@/lib/messaging/compose";
import type { Executor, RobotRun } from "./index";

async function clientContext(run: RobotRun) {
  const locale: Locale = isLocale(run.org.locale) ? run.org.locale : "vi";
  const context = await loadTemplateContext(run.db, run.author.orgId, run.dealId, locale, { author: run.author });
  if (!context) throw new ActionError("notFound", "errors.notFound");
  return context;
}

/**
 * E-mail to the deal's client (its primary contact, else its company), rendered from the robot's
 * templates with HTML-escaped values. Queued under the run's key, so a run retried after a crash
 * never sends a second e-mail; the message reaches the timeline when it is sent.
 */
export const sendEmail: Executor<"email"> = async (config, run) => {
  const context = await clientContext(run);
  assertKnownPlaceholders(`${config.subject}\n${config.body}`, context.customCodes);
  const email = composeEmail(config, context);
  if (!email.recipient) throw new ActionError("invalid", "automationRun.noClientEmail");
  await queueMessage(run.db, {
    orgId: run.author.orgId,
    dealId: run.dealId,
    channel: "email",
    recipient: email.recipient,
    subject: email.subject!,
    body: email.body,
    html: true,
    idempotencyKey: `run:${run.runId}`,
    createdById: run.author.id,
  });
  return { key: "automationRun.emailQueued", vars: { to: email.recipient } };
};

/** A text message to the client's phone (normalised to E.164 by the messaging layer). */
export const sendSms: Executor<"sms"> = async (config, run) => {
  const context = await clientContext(run);
  assertKnownPlaceholders(config.text, context.customCodes);
  const sms = composeSms(config, context);
  if (!sms.recipient) throw new ActionError("invalid", "automationRun.noClientPhone");
  await queueMessage(run.db, {
    orgId: run.author.orgId,
    dealId: run.dealId,
    channel: "sms",
    recipient: sms.recipient,
    body: sms.body,
    idempotencyKey: `run:${run.runId}`,
    createdById: run.author.id,
  });
  return { key: "automationRun.smsQueued", vars: { to: sms.recipient } };
};
