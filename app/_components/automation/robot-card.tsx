import Link from "next/link";
import { copyRobotAction, deleteRobotAction, robotCommandAction } from "@/lib/automation/actions";
import { isRobotKind } from "@/lib/automation/robot-form";
import type { RobotWithAuthor } from "@/lib/automation/robots";
import { conditionSummary, timingSummary, type SummaryLookups } from "@/lib/automation/summary";
import type { Translate } from "@/lib/i18n/translate";
import { ActionForm } from "@/app/_components/action-form";

type Props = {
  robot: RobotWithAuthor;
  t: Translate;
  lookups: SummaryLookups;
  first: boolean;
  last: boolean;
  /** The board's URL with the pipeline, for the copy and delete steps' links. */
  boardHref: string;
  /** Open below the robot: its copy form (with the stages it may go to) or its delete confirmation. */
  step: { kind: "copy"; stages: { pipeline: string; stages: { id: number; name: string }[] }[] } | { kind: "delete" } | null;
};

/** One robot on the automation board: what it does, when, on what condition, who set it up, and its buttons. */
export function RobotCard({ robot, t, lookups, first, last, boardHref, step }: Props) {
  const anchor = `robot-${robot.id}`;
  const author = robot.authorName ? (robot.authorActive ? robot.authorName : t("automation.inactiveAuthor", { name: robot.authorName })) : "—";
  return (
    <li className={`robot-card${robot.enabled ? "" : " off"}`} id={anchor} data-testid="robot" data-robot-id={robot.id}>
      <p className="robot-kind">{isRobotKind(robot.kind) ? t(`automation.kinds.${robot.kind}`) : robot.kind}</p>
      <h3 className="robot-name">{robot.name}</h3>
      <p className="robot-timing" data-testid="robot-timing">
        {timingSummary(robot.timing, robot.keepOnLeave, t, lookups)}
      </p>
      <p className="robot-condition" data-testid="robot-condition">
        {t("automation.condition.legend")}: {conditionSummary(robot.condition, t, lookups)}
      </p>
      <p className="robot-meta">
        <span className={`robot-state ${robot.enabled ? "on" : "off"}`} data-testid="robot-state">
          {robot.enabled ? t("automation.on") : t("automation.off")}
        </span>{" "}
        · {t("automation.by", { name: author })}
      </p>
      <div className="robot-actions">
        <Link href={`/deals/automation/robots/${robot.id}`}>{t("automation.edit")}</Link>
        <Link href={`${boardHref}&copy=${robot.id}#${anchor}`}>{t("automation.copy")}</Link>
        <Link href={`${boardHref}&delete=${robot.id}#${anchor}`} className="danger-text">
          {t("automation.delete")}
        </Link>
      </div>
      <ActionForm action={robotCommandAction} record={`robot:${robot.id}`} className="robot-commands" label={t("automation.robotActions", { name: robot.name })}>
        <input type="hidden" name="id" value={robot.id} />
        <button type="submit" name="op" value="up" className="button small" disabled={first} aria-label={t("automation.up")} title={t("automation.up")}>
          ↑
        </button>
        <button type="submit" name="op" value="down" className="button small" disabled={last} aria-label={t("automation.down")} title={t("automation.down")}>
          ↓
        </button>
        <button type="submit" name="op" value={robot.enabled ? "off" : "on"} className="button small">
          {robot.enabled ? t("automation.switchOff") : t("automation.switchOn")}
        </button>
      </ActionForm>
      {step?.kind === "copy" && (
        <ActionForm action={copyRobotAction} record={`robot-copy:${robot.id}`} className="robot-step" label={`${t("automation.copy")}: ${robot.name}`}>
          <input type="hidden" name="id" value={robot.id} />
          <label htmlFor={`${anchor}-copy-stage`}>{t("automation.copyTitle", { name: robot.name })}</label>
          <select id={`${anchor}-copy-stage`} name="stageId" defaultValue={robot.stageId}>
            {step.stages.map((p) => (
              <optgroup key={p.pipeline} label={p.pipeline}>
                {p.stages.map((s) => (
                  <option key={s.id} value={s.id}>
                    {p.pipeline} / {s.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          <div className="form-actions">
            <button type="submit" className="button primary small">
              {t("automation.copyButton")}
            </button>
            <Link href={`${boardHref}#${anchor}`} className="button small">
              {t("common.cancel")}
            </Link>
          </div>
        </ActionForm>
      )}
      {step?.kind === "delete" && (
        <ActionForm action={deleteRobotAction} record={`robot-delete:${robot.id}`} className="robot-step alert warning" label={t("automation.delete")}>
          <input type="hidden" name="id" value={robot.id} />
          <p>{t("automation.deleteConfirm", { name: robot.name })}</p>
          <div className="form-actions">
            <button type="submit" className="button danger small">
              {t("automation.delete")}
            </button>
            <Link href={`${boardHref}#${anchor}`} className="button small">
              {t("common.cancel")}
            </Link>
          </div>
        </ActionForm>
      )}
    </li>
  );
}
