import { z } from "zod";
import { ActionError } from "@/lib/actions/errors";
import { hitRateLimit, limitFromEnv } from "@/lib/automation/triggers/rate-limit";
import { mediaType, readBodyLimited } from "@/lib/automation/triggers/request-body";
import { acceptWebhook, dealIdOfBody, dealInOrg, webhookTrigger, WEBHOOK_BODY_MAX_BYTES } from "@/lib/automation/triggers/webhook";
import { defineRoute, jsonResponse, notFound } from "@/lib/http/route";

/**
 * An incoming webhook: another system POSTs { "dealId": 123 } here and the trigger whose secret is
 * in the URL moves that deal (in a job). No session: the secret is the credential. Calls are
 * limited per trigger (CRM_WEBHOOK_LIMIT a minute), counted before anything else is looked at.
 */
export const POST = defineRoute({
  auth: "public",
  params: z.object({ secret: z.string().max(100) }),
  async handle({ params }, { db, request, t }) {
    const trigger = await webhookTrigger(db, params.secret);
    if (!trigger) notFound();
    const verdict = await hitRateLimit(db, `webhook:${trigger.id}`, limitFromEnv(process.env.CRM_WEBHOOK_LIMIT, 60), 60);
    if (!verdict.allowed) {
      const refusal = jsonResponse({ error: "rateLimited", message: t("triggers.webhook.tooMany", { seconds: verdict.retryAfterSeconds }) }, 429);
      refusal.headers.set("retry-after", String(verdict.retryAfterSeconds));
      return refusal;
    }
    const type = mediaType(request.headers.get("content-type"));
    if (!["application/json", "application/x-www-form-urlencoded", "text/plain", ""].includes(type)) {
      return jsonResponse({ error: "unsupported", message: t("triggers.webhook.unsupported") }, 415);
    }
    const body = await readBodyLimited(request, WEBHOOK_BODY_MAX_BYTES);
    if (body === "tooLarge") return jsonResponse({ error: "tooLarge", message: t("triggers.webhook.tooLarge") }, 413);
    const dealId = dealIdOfBody(type, body);
    if (dealId === null) throw new ActionError("invalid", "triggers.webhook.badBody");
    if (!trigger.enabled) throw new ActionError("stale", "triggers.webhook.switchedOff");
    return db.transaction(async (tx) => {
      const t2 = tx as unknown as typeof db;
      // Another org's deal answers exactly like a missing one.
      if (!(await dealInOrg(t2, trigger.orgId, dealId))) throw new ActionError("notFound", "triggers.webhook.dealNotFound");
      await acceptWebhook(t2, trigger, dealId);
      return { ok: true };
    });
  },
});
