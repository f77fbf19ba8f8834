import type { DocumentKind, DocumentStatus } from "@/db/schema";
import type { Translate } from "@/lib/i18n/translate";
import { statusInfo, statusLabel, type CustomStatus } from "@/lib/documents/status-set";

export function DocumentStatusBadge({ kind, status, t, custom }: { kind: DocumentKind; status: DocumentStatus; t: Translate; custom: readonly CustomStatus[] }) {
  return (
    <span className="stage-badge" style={{ "--stage": statusInfo(kind, status, custom)?.color ?? "#94a3b8" } as React.CSSProperties} data-testid="document-status">
      {statusLabel(status, t, custom)}
    </span>
  );
}
