import Form from "next/form";
import { KeptParams } from "@/app/_components/kept-params";
import { listColumns } from "@/lib/deals/list/columns";
import { listQueryParams, type ListQuery } from "@/lib/deals/list/url-state";
import type { Translate } from "@/lib/i18n/translate";

/**
 * The list's order as a small GET form, for a phone, where the table's sortable headers are not
 * shown (stacked rows). Keeps every filter; works without JavaScript. Amount is offered only where
 * the viewer may sort by it.
 */
export function SortForm({ query, amountsAllowed, t }: { query: ListQuery; amountsAllowed: boolean; t: Translate }) {
  const kept = [...listQueryParams(query, { count: query.count }).entries()].filter(([name]) => name !== "sort" && name !== "dir");
  const sortable = listColumns.flatMap((c) => ("sort" in c && (c.sort !== "amount" || amountsAllowed) ? [{ key: c.key, label: c.label, sort: c.sort }] : []));
  return (
    <Form action="/deals" className="sort-form" aria-label={t("list.order")}>
      <KeptParams params={kept} />
      <label>
        <span className="visually-hidden">{t("list.order")}</span>
        <select name="sort" defaultValue={query.sort}>
          {sortable.map((c) => (
            <option key={c.key} value={c.sort}>
              {t(c.label)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="visually-hidden">{t("list.direction")}</span>
        <select name="dir" defaultValue={query.dir}>
          <option value="desc">{t("list.descending")}</option>
          <option value="asc">{t("list.ascending")}</option>
        </select>
      </label>
      <button type="submit" className="button">
        {t("list.sortApply")}
      </button>
    </Form>
  );
}
