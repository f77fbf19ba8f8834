import type { Report } from "@/lib/analytics/report";
import { periodPresets } from "@/lib/analytics/period";
import { grainChoices } from "@/lib/analytics/url-state";
import type { Translate } from "@/lib/i18n/translate";

/** The report's filters as a GET form: the URL is the state, so it works without JavaScript and can be shared. */
export function ReportFilters({ report, action, t, grain = false }: { report: Report; action: string; t: Translate; grain?: boolean }) {
  const { query } = report;
  return (
    <form method="get" action={action} className="filters report-filters" role="search" aria-label={t("analytics.filters")}>
      <div className="grid">
        <label className="field">
          <span>{t("analytics.period")}</span>
          <select name="period" defaultValue={query.preset}>
            {periodPresets.map((p) => (
              <option key={p} value={p}>
                {t(`analytics.presets.${p}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t("analytics.from")}</span>
          <input type="date" name="from" defaultValue={query.preset === "custom" ? (query.from ?? "") : ""} />
        </label>
        <label className="field">
          <span>{t("analytics.to")}</span>
          <input type="date" name="to" defaultValue={query.preset === "custom" ? (query.to ?? "") : ""} />
        </label>
        <label className="field">
          <span>{t("deals.fields.pipeline")}</span>
          <select name="pipeline" defaultValue={query.pipeline ?? ""}>
            <option value="">{t("analytics.allPipelines")}</option>
            {report.pipelines.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t("analytics.department")}</span>
          <select name="department" defaultValue={query.department ?? ""}>
            <option value="">{t("analytics.anyDepartment")}</option>
            {report.departments.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t("analytics.responsible")}</span>
          <select name="responsible" defaultValue={query.responsible[0] ? String(query.responsible[0]) : ""}>
            <option value="">{t("analytics.anyone")}</option>
            {report.people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        {grain && (
          <label className="field">
            <span>{t("analytics.grain")}</span>
            <select name="grain" defaultValue={query.grain}>
              {grainChoices.map((g) => (
                <option key={g} value={g}>
                  {t(`analytics.grains.${g}`)}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="field checkbox">
          <input type="checkbox" name="compare" value="1" defaultChecked={query.compare} /> {t("analytics.compare")}
        </label>
      </div>
      <div className="form-actions">
        <button type="submit" className="button primary">
          {t("analytics.apply")}
        </button>
      </div>
    </form>
  );
}
