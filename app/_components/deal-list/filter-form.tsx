import Link from "next/link";
import type { ListQuery } from "@/lib/deals/list/url-state";
import { pageSizes } from "@/lib/deals/list/url-state";
import { dealSources } from "@/lib/deals/vocabulary";
import type { Translate } from "@/lib/i18n/translate";
import { currencies } from "@/lib/money/money";
import type { PipelineWithStages } from "@/lib/org/queries";
import { PipelineOptions, StageOptions, UserOptions } from "../options";
import { CustomFilterInputs } from "./custom-filters";
import type { FieldDefinition } from "@/lib/fields/values";

type Options = { pipelines: PipelineWithStages[]; users: { id: number; name: string }[]; companies: { id: number; title: string }[] };

/** The filters as a GET form: the URL is the state, so it works without JavaScript and can be shared. */
export function FilterForm({
  query,
  options,
  t,
  amountsAllowed,
  baseCurrency,
  action = "/deals",
  customFields = [],
  children,
}: {
  query: ListQuery;
  options: Options;
  t: Translate;
  amountsAllowed: boolean;
  /** What the amount range is in: every deal's amount is compared converted to it. */
  baseCurrency: string;
  /** The list, or the board (which keeps its own choices as `children`: hidden fields). */
  action?: "/deals" | "/deals/kanban";
  /** Custom fields marked "show in filter". */
  customFields?: FieldDefinition[];
  children?: React.ReactNode;
}) {
  const onList = action === "/deals";
  const multi = (values: number[] | string[]) => values.map(String);
  return (
    <form method="get" action={action} className="filters" role="search" aria-label={t("list.filters")}>
      <div className="grid">
        {/* On the list the search box sits above it, always in sight; applying filters keeps what it searches. */}
        {onList ? (
          <input type="hidden" name="q" value={query.q} />
        ) : (
          <label className="field wide">
            <span>{t("list.search")}</span>
            <input type="search" name="q" defaultValue={query.q} placeholder={t("list.searchPlaceholder")} maxLength={200} />
          </label>
        )}
        <label className="field">
          <span>{t("deals.fields.pipeline")}</span>
          <select name="pipeline" defaultValue={query.pipeline ?? ""}>
            <option value="">{t("list.any")}</option>
            <PipelineOptions pipelines={options.pipelines} />
          </select>
        </label>
        <label className="field">
          <span>{t("deals.fields.stage")}</span>
          <select name="stage" multiple size={4} defaultValue={multi(query.stages)}>
            <StageOptions pipelines={options.pipelines} />
          </select>
        </label>
        <label className="field">
          <span>{t("deals.fields.responsible")}</span>
          <select name="responsible" multiple size={4} defaultValue={multi(query.responsible)}>
            <UserOptions users={options.users} />
          </select>
        </label>
        <label className="field">
          <span>{t("deals.fields.source")}</span>
          <select name="source" multiple size={4} defaultValue={query.sources}>
            {dealSources.map((s) => (
              <option key={s} value={s}>
                {t(`deals.sources.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t("deals.fields.company")}</span>
          <select name="company" defaultValue={query.company ?? ""}>
            <option value="">{t("list.any")}</option>
            {options.companies.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="field">
          <legend>{t("list.semantics")}</legend>
          {(["P", "S", "F"] as const).map((s) => (
            <label key={s}>
              <input type="checkbox" name="semantics" value={s} defaultChecked={query.semantics.includes(s)} /> {t(`deals.semantics.${s}`)}
            </label>
          ))}
        </fieldset>
        {amountsAllowed && (
          <>
            <label className="field">
              <span>{t("list.amountFrom")}</span>
              <input name="amountFrom" inputMode="decimal" defaultValue={query.amountFrom ?? ""} aria-describedby="amount-range-hint" />
            </label>
            <label className="field">
              <span>{t("list.amountTo")}</span>
              <input name="amountTo" inputMode="decimal" defaultValue={query.amountTo ?? ""} aria-describedby="amount-range-hint" />
              <small id="amount-range-hint" className="muted">
                {t("list.amountRangeHint", { currency: baseCurrency })}
              </small>
            </label>
          </>
        )}
        <label className="field">
          <span>{t("deals.fields.currency")}</span>
          <select name="currency" defaultValue={query.currency ?? ""}>
            <option value="">{t("list.any")}</option>
            {currencies.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t("list.createdFrom")}</span>
          <input type="date" name="createdFrom" defaultValue={query.createdFrom ?? ""} />
        </label>
        <label className="field">
          <span>{t("list.createdTo")}</span>
          <input type="date" name="createdTo" defaultValue={query.createdTo ?? ""} />
        </label>
        <label className="field">
          <span>{t("list.closeFrom")}</span>
          <input type="date" name="closeFrom" defaultValue={query.closeFrom ?? ""} />
        </label>
        <label className="field">
          <span>{t("list.closeTo")}</span>
          <input type="date" name="closeTo" defaultValue={query.closeTo ?? ""} />
        </label>
        <label className="field">
          <span>{t("list.reached")}</span>
          <select name="reached" multiple size={4} defaultValue={multi(query.reached)}>
            <StageOptions pipelines={options.pipelines} />
          </select>
        </label>
        <label className="field">
          <span>{t("list.reachedFrom")}</span>
          <input type="date" name="reachedFrom" defaultValue={query.reachedFrom ?? ""} />
        </label>
        <label className="field">
          <span>{t("list.reachedTo")}</span>
          <input type="date" name="reachedTo" defaultValue={query.reachedTo ?? ""} />
        </label>
        <label className="field">
          <span>{t("list.left")}</span>
          <select name="left" multiple size={4} defaultValue={multi(query.left)}>
            <StageOptions pipelines={options.pipelines} />
          </select>
        </label>
        <label className="field">
          <span>{t("list.leftFrom")}</span>
          <input type="date" name="leftFrom" defaultValue={query.leftFrom ?? ""} />
        </label>
        <label className="field">
          <span>{t("list.leftTo")}</span>
          <input type="date" name="leftTo" defaultValue={query.leftTo ?? ""} />
        </label>
        <CustomFilterInputs
          fields={customFields}
          filters={query.custom}
          t={t}
          choices={{ users: options.users.map((u) => ({ id: u.id, label: u.name })), companies: options.companies.map((c) => ({ id: c.id, label: c.title })) }}
        />
        <fieldset className="field">
          <legend>{t("deals.activities")}</legend>
          <label>
            <input type="checkbox" name="overdue" value="1" defaultChecked={query.overdue} /> {t("list.overdue")}
          </label>
          <label>
            <input type="checkbox" name="pending" value="1" defaultChecked={query.pending} /> {t("counters.pending")}
          </label>
          <label>
            <input type="checkbox" name="idle" value="1" defaultChecked={query.idle} /> {t("list.idle")}
          </label>
          <label>
            <input type="checkbox" name="incoming" value="1" defaultChecked={query.incoming} /> {t("counters.incoming")}
          </label>
          <label>
            <input type="checkbox" name="modifiedByMe" value="1" defaultChecked={query.modifiedByMe} /> {t("list.modifiedByMe")}
          </label>
        </fieldset>
        {onList && (
          <label className="field">
            <span>{t("list.pageSize")}</span>
            <select name="size" defaultValue={String(query.size)}>
              {pageSizes.map((n) => (
                <option key={n}>{n}</option>
              ))}
            </select>
          </label>
        )}
      </div>
      {(query.product || query.section || query.contact || query.department) && (
        <div className="grid">
          {query.department && (
            <label className="field checkbox">
              <input type="checkbox" name="department" value={query.department} defaultChecked /> {t("list.departmentFilter")}
            </label>
          )}
          {query.product && (
            <label className="field checkbox">
              <input type="checkbox" name="product" value={query.product} defaultChecked /> {t("list.productFilter")}
            </label>
          )}
          {query.section && (
            <label className="field checkbox">
              <input type="checkbox" name="section" value={query.section} defaultChecked /> {t("list.sectionFilter")}
            </label>
          )}
          {query.contact && (
            <label className="field checkbox">
              <input type="checkbox" name="contact" value={query.contact} defaultChecked /> {t("list.contactFilter")}
            </label>
          )}
        </div>
      )}
      {onList && <input type="hidden" name="sort" value={query.sort} />}
      {onList && <input type="hidden" name="dir" value={query.dir} />}
      {children}
      <div className="form-actions">
        <button type="submit" className="button primary">
          {t("list.apply")}
        </button>
        <Link href={action} className="button">
          {t("list.reset")}
        </Link>
      </div>
    </form>
  );
}
