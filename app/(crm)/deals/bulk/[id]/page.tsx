import { titled } from "@/lib/i18n/titles";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { requireViewer } from "@/lib/auth/viewer";
import { getBulkOperation } from "@/lib/deals/bulk/job";
import { parseId } from "@/lib/ids";
import { getI18n } from "@/lib/i18n/server";
import type { MessageKey } from "@/lib/i18n/translate";

export const generateMetadata = titled("titles.bulkAction");

const statusKey = { queued: "bulk.statusQueued", running: "bulk.statusRunning", done: "bulk.statusDone", failed: "bulk.statusFailed" } as const;

/** Progress of a background bulk action; reloads itself every two seconds until it is over (no JavaScript needed). */
export default async function BulkOperationPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireViewer();
  const id = parseId((await params).id);
  if (!id) notFound();
  const op = await getBulkOperation(await getDb(), viewer, id);
  if (!op) notFound();
  const { t } = await getI18n();
  const active = op.status === "queued" || op.status === "running";
  return (
    <section className="card-section bulk-progress" aria-live="polite">
      {active && <meta httpEquiv="refresh" content="2" />}
      <h1>{t("bulk.progressTitle", { id: op.id })}</h1>
      <p data-testid="bulk-status">{t(statusKey[op.status])}</p>
      <progress max={op.total} value={op.processed} aria-label={t("bulk.progress", { processed: op.processed, total: op.total })} />
      <p>{t("bulk.progress", { processed: op.processed, total: op.total })}</p>
      <p className="alert success" data-testid="bulk-result">
        {t("bulk.result", { changed: op.changed, unchanged: op.unchanged, refused: op.refused })}
      </p>
      {op.refusals.length > 0 && (
        <ul className="action-details">
          {op.refusals.map((r) => (
            <li key={r.id}>{t("bulk.refusedRow", { title: r.title, reason: t(r.reason as MessageKey, r.vars) })}</li>
          ))}
        </ul>
      )}
      {active && <p className="muted">{t("bulk.leaveHint")}</p>}
      <p>
        <Link href="/deals">{t("common.backToDeals")}</Link>
      </p>
    </section>
  );
}
