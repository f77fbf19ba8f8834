import "server-only";
import { and, eq } from "drizzle-orm";
import { documents, myCompanies } from "@/db/schema";
import { ActionError } from "@/lib/actions/errors";
import { createFromDeal } from "@/lib/documents/service";
import { sendDocumentByEmail } from "@/lib/documents/send";
import { formatMoney } from "@/lib/i18n/format";
import { isLocale, translator, type Locale } from "@/lib/i18n/translate";
import { siteUrlFromEnv } from "@/lib/messaging/template-values";
import type { Detail, Executor } from "./index";


/**
 * A quote or invoice from the deal, made as the robot's author (who must be able to change the
 * deal and see its amounts), and, when asked, e-mailed to the client with its PDF and a link, in
 * the org's language. A client without an e-mail address fails the run; the document is not made.
 */
export const createDocument: Executor<"document"> = async (config, run): Promise<Detail> => {
  const id = await createFromDeal(run.db, run.author, run.dealId, config.documentKind, { at: run.now });
  const [document] = await run.db.select().from(documents).where(and(eq(documents.orgId, run.author.orgId), eq(documents.id, id)));
  if (!config.send) return { key: "automationRun.documentCreated", vars: { number: document!.number } };
  if (!document!.buyerEmail) throw new ActionError("invalid", "automationRun.noClientEmail");
  const locale: Locale = isLocale(run.org.locale) ? run.org.locale : "vi";
  const t = translator(locale);
  const [seller] = document!.sellerId === null ? [] : await run.db.select({ legalName: myCompanies.legalName }).from(myCompanies).where(and(eq(myCompanies.orgId, run.author.orgId), eq(myCompanies.id, document!.sellerId)));
  const kind = t(`documents.${document!.kind}`);
  await sendDocumentByEmail(
    run.db,
    run.author,
    id,
    document!.version,
    {
      to: document!.buyerEmail,
      subject: seller ? t("documents.send.subjectDefault", { kind, number: document!.number, seller: seller.legalName }) : `${kind} ${document!.number}`,
      body: t("documents.send.bodyDefault", { client: document!.buyerName, kind: kind.toLowerCase(), number: document!.number, amount: formatMoney(document!.gross, document!.currency, locale), sender: run.author.name }),
      includeLink: true,
      locale,
    },
    // A robot runs outside any request: links point where the other messages' links do.
    new URL(siteUrlFromEnv()).origin,
    run.now,
  );
  return { key: "automationRun.documentSent", vars: { number: document!.number, to: document!.buyerEmail } };
};
