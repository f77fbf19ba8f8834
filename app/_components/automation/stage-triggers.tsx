import Link from "next/link";
import type { TriggerKind } from "@/lib/automation/triggers/kinds";
import type { TriggerWithAuthor } from "@/lib/automation/triggers/service";
import type { Translate } from "@/lib/i18n/translate";

/** The triggers that move a deal into one stage, above its robots on the automation board (as the reference draws them). */
export function StageTriggers({ triggers, t, addHref }: { triggers: TriggerWithAuthor[]; t: Translate; addHref: string }) {
  return (
    <div className="stage-triggers" data-testid="stage-triggers">
      <h3>{t("triggers.title")}</h3>
      {triggers.length > 0 && (
        <ul>
          {triggers.map((tr) => (
            <li key={tr.id} className={tr.enabled ? undefined : "muted"} data-testid="stage-trigger">
              <Link href={`/deals/automation/triggers/${tr.id}`}>{tr.name}</Link>
              <span className="muted small"> · {t(`triggers.kinds.${tr.kind as TriggerKind}`)}</span>
              {!tr.enabled && <span className="badge muted">{t("triggers.off")}</span>}
            </li>
          ))}
        </ul>
      )}
      <Link href={addHref} className="small">
        + {t("triggers.add")}
      </Link>
    </div>
  );
}
