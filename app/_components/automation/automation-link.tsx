import Link from "next/link";
import type { Translate } from "@/lib/i18n/translate";
import { mayConfigureAutomationAnywhere, type Viewer } from "@/lib/permissions";

/** The deals views' link to Deals → Automation, for viewers who may configure automation in some pipeline. */
export function AutomationLink({ viewer, t, pipelineId, current = false }: { viewer: Viewer; t: Translate; pipelineId?: number | null; current?: boolean }) {
  if (!mayConfigureAutomationAnywhere(viewer)) return null;
  return (
    <Link href={pipelineId ? `/deals/automation?pipeline=${pipelineId}` : "/deals/automation"} aria-current={current ? "page" : undefined}>
      {t("automation.title")}
    </Link>
  );
}
