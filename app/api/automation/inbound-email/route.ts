import { z } from "zod";
import { ActionError } from "@/lib/actions/errors";
import { INBOUND_EMAIL_MAX_BYTES, parseInboundEmail, receiveEmail } from "@/lib/automation/triggers/inbound-email";
import { orgOfInboundKey } from "@/lib/automation/triggers/inbound-key";
import { hitRateLimit, limitFromEnv } from "@/lib/automation/triggers/rate-limit";
import { mediaType, readBodyLimited } from "@/lib/automation/triggers/request-body";
import { defineRoute, jsonResponse, notFound } from "@/lib/http/route";

const ACCEPTED = ["message/rfc822", "text/plain", "application/octet-stream"];

/**
 * Inbound e-mail: a mail server POSTs each raw message (RFC 822) here with the org's key. The
 * message is filed on the deal of its sender and the deal's e-mail triggers fire. No session: the
 * key is the credential. At most 5 MB a message; CRM_INBOUND_EMAIL_LIMIT messages a minute per org.
 */
export const POST = defineRoute({
  auth: "public",
  query: z.object({ key: z.string().max(200) }),
  async handle({ query }, { db, request, t }) {
    const orgId = await orgOfInboundKey(db, query.key);
    if (orgId === null) notFound();
    const verdict = await hitRateLimit(db, `inbound-email:${orgId}`, limitFromEnv(process.env.CRM_INBOUND_EMAIL_LIMIT, 120), 60);
    if (!verdict.allowed) {
      const refusal = jsonResponse({ error: "rateLimited", message: t("triggers.inbound.tooMany", { seconds: verdict.retryAfterSeconds }) }, 429);
      refusal.headers.set("retry-after", String(verdict.retryAfterSeconds));
      return refusal;
    }
    if (!ACCEPTED.includes(mediaType(request.headers.get("content-type")))) {
      return jsonResponse({ error: "unsupported", message: t("triggers.inbound.unsupported") }, 415);
    }
    const raw = await readBodyLimited(request, INBOUND_EMAIL_MAX_BYTES);
    if (raw === "tooLarge") return jsonResponse({ error: "tooLarge", message: t("triggers.inbound.tooLarge", { max: INBOUND_EMAIL_MAX_BYTES / 1024 / 1024 }) }, 413);
    const mail = await parseInboundEmail(raw).catch((error: unknown) => {
      console.warn("[inbound-email] unreadable message", error instanceof Error ? error.message : error);
      throw new ActionError("invalid", "triggers.inbound.unreadable");
    });
    if (!mail) throw new ActionError("invalid", "triggers.inbound.noSender");
    // Whether the sender matched a deal is not said: the key's holder learns nothing about the org's clients.
    await db.transaction((tx) => receiveEmail(tx as unknown as typeof db, orgId, mail));
    return { ok: true };
  },
});
