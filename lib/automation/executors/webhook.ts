import "server-only";
import { createHmac } from "node:crypto";
import { ActionError } from "@/lib/actions/errors";
import { checkOutboundUrl } from "@/lib/net/outbound";
import type { Executor } from "./index";

const TIMEOUT_MS = 10_000;

/** The signature header of a webhook robot's body: "sha256=" + HMAC-SHA256(secret, body) in hex. */
export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

/**
 * POSTs the deal as JSON to the robot's URL, signed (X-CRM-Signature) with the robot's secret and
 * keyed by its run (Idempotency-Key), so a receiver can verify it and drop a retry. Redirects are
 * not followed (they could lead inside); a non-2xx answer or no answer within 10 s fails the run.
 */
export const callWebhook: Executor<"webhook"> = async (config, run) => {
  const verdict = await checkOutboundUrl(config.url);
  if (!verdict.ok) throw new ActionError("invalid", verdict.reason === "private" ? "automationRun.webhookPrivate" : "automationRun.webhookUrl");
  const deal = run.deal;
  const body = JSON.stringify({
    event: "ONCRMDEALROBOT",
    runId: run.runId,
    robotId: run.robotId,
    sentAt: run.now.toISOString(),
    deal: { ID: deal.id, TITLE: deal.title, STAGE_ID: deal.stageId, CATEGORY_ID: deal.pipelineId, OPPORTUNITY: deal.amount, CURRENCY_ID: deal.currency, ASSIGNED_BY_ID: deal.assignedById, CLOSEDATE: deal.closeDate },
  });
  let response: Response;
  try {
    response = await fetch(verdict.url, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "crm-robot/1", "idempotency-key": `run-${run.runId}`, ...(config.secret ? { "x-crm-signature": signBody(config.secret, body) } : {}) },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    throw new ActionError("invalid", timedOut ? "automationRun.webhookTimeout" : "automationRun.webhookUnreachable");
  }
  await response.body?.cancel().catch(() => undefined);
  if (response.status < 200 || response.status > 299) throw new ActionError("invalid", "automationRun.webhookStatus", { status: response.status });
  return { key: "automationRun.webhookSent", vars: { status: response.status } };
};
