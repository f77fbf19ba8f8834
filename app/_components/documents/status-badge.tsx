import type { DocumentStatus } from "@/db/schema";
import type { Translate } from "@/lib/i18n/translate";

const colors: Record<DocumentStatus, string> = { draft: "#94a3b8", new: "#94a3b8", sent: "#3b82f6", approved: "#16a34a", paid: "#16a34a", partlyPaid: "#f59e0b", declined: "#dc2626", cancelled: "#dc2626" };

export function DocumentStatusBadge({ status, t }: { status: DocumentStatus; t: Translate }) {
  return (
    <span className="stage-badge" style={{ "--stage": colors[status] } as React.CSSProperties} data-testid="document-status">
      {t(`documents.statuses.${status}`)}
    </span>
  );
}
