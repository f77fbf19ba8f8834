import type { StageFigure } from "./reach";

export type FunnelStage = { id: number; name: string; color: string; semantics: "P" | "S" | "F" };
export type FunnelStep = FunnelStage & StageFigure & {
  /** Of the deals that reached the step before, the share that reached this one (percent, one decimal); null for the first or after none. */
  conversion: number | null;
  /** Deals that reached the step before but not this one. */
  dropOff: number | null;
};
/** Lost reasons carry no conversion or drop-off (null): they are beside the funnel, not in it. */
export type Funnel = { steps: FunnelStep[]; lost: FunnelStep[]; won: StageFigure; entered: number; winRate: number | null };

const none = (hidden: boolean): StageFigure => ({ count: 0, sum: hidden ? null : "0", unconverted: false });
export const percent = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null);

/**
 * A pipeline's funnel from how many deals reached each stage: the stages in progress in order,
 * then the success stage; failure stages are the lost reasons beside it.
 */
export function buildFunnel(stages: FunnelStage[], figures: Map<number, StageFigure>, amountsHidden: boolean): Funnel {
  const figure = (id: number) => figures.get(id) ?? none(amountsHidden);
  const steps: FunnelStep[] = [];
  for (const stage of stages.filter((s) => s.semantics !== "F")) {
    const f = figure(stage.id);
    const before = steps.at(-1);
    steps.push({ ...stage, ...f, conversion: before ? percent(f.count, before.count) : null, dropOff: before ? before.count - f.count : null });
  }
  const lost = stages.filter((s) => s.semantics === "F").map((s) => ({ ...s, ...figure(s.id), conversion: null, dropOff: null }));
  // A pipeline has one success stage (a system stage).
  const success = steps.find((s) => s.semantics === "S");
  const won: StageFigure = success ? { count: success.count, sum: success.sum, unconverted: success.unconverted } : none(amountsHidden);
  const entered = steps[0]?.count ?? 0;
  return { steps, lost, won, entered, winRate: percent(won.count, entered) };
}

/** The change from a previous figure, in percent (null when there was nothing to compare with). */
export function change(now: number, before: number): number | null {
  return before > 0 ? Math.round(((now - before) / before) * 1000) / 10 : null;
}
