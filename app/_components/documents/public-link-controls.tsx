import { createHash } from "node:crypto";
import type { DocumentRow } from "@/lib/documents/access";
import { revokePublicLinkAction, sharePublicLinkAction } from "@/lib/documents/actions";
import { siteOrigin } from "@/lib/automation/triggers/site";
import { formatDateTime } from "@/lib/i18n/format";
import type { Locale, Translate } from "@/lib/i18n/translate";
import { ActionForm } from "@/app/_components/action-form";

type Props = { document: DocumentRow; shownToken: string | null; t: Translate; locale: Locale; timeZone: string };

/**
 * The client's link: make one (shown once, right after: only its hash is kept), see until when the
 * current one works, withdraw it. A token in the address is shown only when it is this document's live one.
 */
export async function PublicLinkControls({ document, shownToken, t, locale, timeZone }: Props) {
  const live = document.publicTokenHash !== null && document.publicExpiresAt !== null && document.publicExpiresAt > new Date();
  const showable = live && shownToken !== null && createHash("sha256").update(shownToken).digest("hex") === document.publicTokenHash;
  const until = live ? formatDateTime(document.publicExpiresAt!, locale, timeZone) : "";
  const url = showable ? `${await siteOrigin()}/p/${shownToken}` : null;
  return (
    <div className="public-link">
      {url && (
        <p className="alert success" role="status">
          <label htmlFor="public-link-url">{t("documents.public.link")}</label>{" "}
          <input id="public-link-url" readOnly value={url} size={60} data-testid="public-link" /> <span className="muted small">{t("documents.public.linkHint", { date: until })}</span>
        </p>
      )}
      {live && !url && <p className="muted">{t("documents.public.active", { date: until })}</p>}
      <ActionForm action={sharePublicLinkAction} record={`share:${document.id}`} className="inline-form">
        <input type="hidden" name="id" value={document.id} />
        <button type="submit" className="button">
          {t("documents.public.share")}
        </button>
      </ActionForm>
      {live && (
        <ActionForm action={revokePublicLinkAction} record={`revoke:${document.id}`} className="inline-form">
          <input type="hidden" name="id" value={document.id} />
          <button type="submit" className="button danger">
            {t("documents.public.revoke")}
          </button>
        </ActionForm>
      )}
    </div>
  );
}
