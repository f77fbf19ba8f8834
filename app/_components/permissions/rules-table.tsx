import { accessLevels, dealOperations, type RolePipelineSettings } from "@/lib/permissions/levels";
import { ruleField } from "@/lib/permissions/rules-form";
import type { Translate } from "@/lib/i18n/translate";
import type { PipelineWithStages } from "@/lib/org/queries";

/** The rule fields of one role: a row per pipeline (levels per operation), stage overrides, flags, transitions. */
export function RulesTable({ pipelines, rules, t }: { pipelines: PipelineWithStages[]; rules: Map<number, RolePipelineSettings>; t: Translate }) {
  // Short names in the cells, so six operations fit side by side in either language; the legend
  // (and each option's title) gives the full ones.
  const levelOptions = accessLevels.map((level) => (
    <option key={level} value={level} title={t(`permissions.levels.${level}`)}>
      {t(`permissions.levelsShort.${level}`)}
    </option>
  ));
  return (
    <div className="rules">
      <dl className="level-legend">
        {accessLevels.map((level) => (
          <div key={level}>
            <dt>{t(`permissions.levelsShort.${level}`)}</dt>
            <dd>{t(`permissions.levels.${level}`)}</dd>
          </div>
        ))}
      </dl>
      {pipelines.map((pipeline) => {
        const settings = rules.get(pipeline.id);
        const transitions = settings?.transitions ?? "none";
        return (
          <section key={pipeline.id} className="rules-pipeline" aria-label={pipeline.name}>
            <div className="table-scroll" tabIndex={0}>
              <table className="matrix">
                <thead>
                  <tr>
                    <th scope="col">{t("permissions.pipeline")}</th>
                    {dealOperations.map((op) => (
                      <th key={op} scope="col">
                        {t(`permissions.ops.${op}`)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  <tr>
                    <th scope="row">{pipeline.name}</th>
                    {dealOperations.map((op) => (
                      <td key={op}>
                        <select name={ruleField.level(pipeline.id, op)} defaultValue={settings?.levels[op] ?? "none"} aria-label={`${pipeline.name}: ${t(`permissions.ops.${op}`)}`}>
                          {levelOptions}
                        </select>
                      </td>
                    ))}
                  </tr>
                </tbody>
              </table>
            </div>
            <details className="stage-overrides" open={Object.keys(settings?.stageLevels ?? {}).length > 0}>
              <summary>
                {t("permissions.stageOverrides")}: {pipeline.name}
              </summary>
              <div className="table-scroll" tabIndex={0}>
                <table className="matrix">
                  <tbody>
                    {pipeline.stages.map((stage) => (
                      <tr key={stage.id}>
                        <th scope="row">{stage.name}</th>
                        {dealOperations.map((op) => (
                          <td key={op}>
                            <select
                              name={ruleField.stageLevel(pipeline.id, stage.id, op)}
                              defaultValue={settings?.stageLevels[String(stage.id)]?.[op] ?? ""}
                              aria-label={`${pipeline.name} · ${stage.name}: ${t(`permissions.ops.${op}`)}`}
                            >
                              <option value="">{t("permissions.inherit")}</option>
                              {levelOptions}
                            </select>
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </details>
            <div className="rule-flags">
              {(["hideAmounts", "automation", "personalLayout"] as const).map((flag) => (
                <label key={flag}>
                  <input type="checkbox" name={ruleField.flag(pipeline.id, flag)} defaultChecked={settings?.[flag] ?? false} /> {t(`permissions.${flag}`)}
                </label>
              ))}
            </div>
            <fieldset className="transitions">
              <legend>
                {t("permissions.transitions")} ({pipeline.name})
              </legend>
              {(["any", "none", "list"] as const).map((mode) => (
                <label key={mode}>
                  <input
                    type="radio"
                    name={ruleField.transitions(pipeline.id)}
                    value={mode}
                    defaultChecked={mode === (Array.isArray(transitions) ? "list" : transitions)}
                  />{" "}
                  {t(mode === "any" ? "permissions.transitionsAny" : mode === "none" ? "permissions.transitionsNone" : "permissions.transitionsList")}
                </label>
              ))}
              <select
                name={ruleField.targets(pipeline.id)}
                multiple
                size={Math.min(8, pipeline.stages.length)}
                defaultValue={Array.isArray(transitions) ? transitions.map(String) : []}
                aria-label={`${t("permissions.transitions")} (${pipeline.name}): ${t("permissions.transitionsList")}`}
              >
                {pipeline.stages.map((stage) => (
                  <option key={stage.id} value={stage.id}>
                    {stage.name}
                  </option>
                ))}
              </select>
            </fieldset>
          </section>
        );
      })}
    </div>
  );
}
