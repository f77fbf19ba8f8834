import { accessLevels, dealOperations, rolePipelineSettingsSchema, uniformLevels, type AccessLevel, type LevelMap, type RolePipelineSettings } from "./levels";

/**
 * The rules form of one role: a field per pipeline and operation (`p{pipeline}.{OP}`), per stage
 * override (`p{pipeline}.s{stage}.{OP}`, empty = as the pipeline), flags, and transitions.
 */
/** The role form's checkboxes for companies and contacts. */
export const clientRightField = { add: "clients.add", details: "clients.details" } as const;

export const ruleField = {
  level: (pipelineId: number, op: string) => `p${pipelineId}.${op}`,
  stageLevel: (pipelineId: number, stageId: number, op: string) => `p${pipelineId}.s${stageId}.${op}`,
  flag: (pipelineId: number, flag: "hideAmounts" | "automation" | "personalLayout") => `p${pipelineId}.${flag}`,
  transitions: (pipelineId: number) => `p${pipelineId}.transitions`,
  targets: (pipelineId: number) => `p${pipelineId}.targets[]`,
};

type PipelineShape = { id: number; stages: { id: number }[] };
type Values = Record<string, string | string[] | undefined>;

const isLevel = (v: unknown): v is AccessLevel => typeof v === "string" && (accessLevels as readonly string[]).includes(v);

/** Reads the form into settings per pipeline; returns the first field that is not valid. */
export function parseRulesForm(values: Values, pipelines: PipelineShape[]): { ok: true; rules: Map<number, RolePipelineSettings> } | { ok: false; field: string } {
  const rules = new Map<number, RolePipelineSettings>();
  for (const pipeline of pipelines) {
    const levels: LevelMap = uniformLevels("none");
    for (const op of dealOperations) {
      const field = ruleField.level(pipeline.id, op);
      const value = values[field] ?? "none";
      if (!isLevel(value)) return { ok: false, field };
      levels[op] = value;
    }
    const stageLevels: Record<string, Partial<LevelMap>> = {};
    for (const stage of pipeline.stages) {
      const override: Partial<LevelMap> = {};
      for (const op of dealOperations) {
        const field = ruleField.stageLevel(pipeline.id, stage.id, op);
        const value = values[field] ?? "";
        if (value === "") continue;
        if (!isLevel(value)) return { ok: false, field };
        override[op] = value;
      }
      if (Object.keys(override).length) stageLevels[String(stage.id)] = override;
    }
    const mode = values[ruleField.transitions(pipeline.id)] ?? "any";
    const rawTargets = values[ruleField.targets(pipeline.id)];
    const targets = (Array.isArray(rawTargets) ? rawTargets : rawTargets ? [rawTargets] : []).map(Number);
    const stageIds = pipeline.stages.map((s) => s.id);
    if (targets.some((id) => !stageIds.includes(id))) return { ok: false, field: ruleField.targets(pipeline.id) };
    let transitions: RolePipelineSettings["transitions"];
    if (mode === "any" || mode === "none") transitions = mode;
    else if (mode === "list") transitions = [...new Set(targets)];
    else return { ok: false, field: ruleField.transitions(pipeline.id) };
    const flag = (name: "hideAmounts" | "automation" | "personalLayout") => values[ruleField.flag(pipeline.id, name)] === "on";
    const settings = rolePipelineSettingsSchema.parse({
      levels,
      stageLevels,
      transitions,
      hideAmounts: flag("hideAmounts"),
      automation: flag("automation"),
      personalLayout: flag("personalLayout"),
    });
    rules.set(pipeline.id, settings);
  }
  return { ok: true, rules };
}

/** The rule changes as the log records them: one line per field that differs. */
export function diffRules(before: RolePipelineSettings | undefined, after: RolePipelineSettings): { path: string; old: unknown; new: unknown }[] {
  const flat = (settings: RolePipelineSettings | undefined): Record<string, unknown> => {
    if (!settings) return {};
    const out: Record<string, unknown> = {};
    for (const op of dealOperations) out[op] = settings.levels[op];
    for (const [stageId, levels] of Object.entries(settings.stageLevels)) for (const [op, level] of Object.entries(levels)) out[`stage ${stageId} ${op}`] = level;
    out.hideAmounts = settings.hideAmounts;
    out.transitions = settings.transitions;
    out.automation = settings.automation;
    out.personalLayout = settings.personalLayout;
    return out;
  };
  const a = flat(before);
  const b = flat(after);
  return [...new Set([...Object.keys(a), ...Object.keys(b)])]
    .filter((key) => JSON.stringify(a[key] ?? null) !== JSON.stringify(b[key] ?? null))
    .map((path) => ({ path, old: a[path] ?? null, new: b[path] ?? null }));
}
