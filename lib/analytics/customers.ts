import "server-only";
import { and, eq, or, sql, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { companies, contacts, wonDealClients } from "@/db/schema";
import { divideDecimal, normalizeAmount } from "@/lib/money/money";
import { matrixScope, observes, type Viewer } from "@/lib/permissions";
import { convertedSum, sumsPerCurrency } from "./currency-sums";
import { amountHidden, narrowedTo, withinDays } from "./reach";
import type { Report } from "./report";
import { wonStages } from "./revenue";

export type CustomerRow = {
  id: number;
  name: string;
  deals: number;
  /** Won revenue in the base currency; null where the viewer may not see amounts. */
  revenue: string | null;
  averageDeal: string | null;
  unconverted: boolean;
};

/** How many companies and contacts the report lists. */
export const CUSTOMERS_SHOWN = 20;

/**
 * The clients who brought the most won revenue in the period, over the deals the viewer may read:
 * companies by the deal's company, contacts by each contact of the deal (a deal counts for every
 * one of its contacts). Ordered by revenue, or by deals where amounts are hidden.
 */
export async function topCustomers(db: Db, viewer: Viewer, report: Report): Promise<{ companies: CustomerRow[]; contacts: CustomerRow[] }> {
  if (wonStages(report).length === 0 || report.filter.pipelineIds.length === 0) return { companies: [], contacts: [] };
  const companyName = sql`(select ${companies.title} from ${companies} where ${companies.orgId} = ${viewer.orgId} and ${companies.id} = g.client_id)`;
  const contactName = sql`(select concat_ws(' ', ${contacts.lastName}, ${contacts.name}) from ${contacts} where ${contacts.orgId} = ${viewer.orgId} and ${contacts.id} = g.client_id)`;
  const [companyRows, contactRows] = await Promise.all([
    ranked(db, wonClientsSource(viewer, report, "company"), companyName, report),
    ranked(db, wonClientsSource(viewer, report, "contact"), contactName, report),
  ]);
  return { companies: companyRows, contacts: contactRows };
}

const w = wonDealClients;

/** The won deals of the period the viewer may read, one row per deal and client of the kind: client_id, currency, amount, hid. */
function wonClientsSource(viewer: Viewer, report: Report, kind: "company" | "contact"): SQL {
  const { period, filter } = report;
  const timezone = report.context.timezone;
  const rowScope = matrixScope(viewer, "READ", { orgId: w.orgId, stageId: w.stageId, assignedById: w.assignedById, opened: w.opened });
  const readable = viewer.access.superuser ? undefined : or(rowScope, observes(viewer, w.dealId));
  return sql`select ${w.clientId} as client_id, ${w.currency} as currency, ${w.amount} as amount, ${amountHidden(viewer, w.pipelineId)} as hid
    from ${w} where ${and(eq(w.orgId, viewer.orgId), eq(w.kind, kind), withinDays(w.wonAt, period, timezone), ...narrowedTo(filter, w.pipelineId, w.assignedById), readable)}`;
}

async function ranked(db: Db, source: SQL, name: SQL, report: Report): Promise<CustomerRow[]> {
  const { sum, unconverted } = convertedSum("g", report.context);
  const rows = await queryRows<{ id: number; name: string | null; deals: number; hid: boolean; revenue: string; unconverted: boolean }>(
    db,
    sql`select g.client_id as id, ${name} as name, g.deals, g.hid, ${sum} as revenue, ${unconverted} as unconverted
        from (
          select client_id, count(*)::int as deals, bool_or(hid) as hid, ${sumsPerCurrency(sql`amount`, sql`currency`)}
          from (${source}) s group by 1
        ) g
        order by case when g.hid then 0 else ${sum}::numeric end desc, g.deals desc, g.client_id
        limit ${CUSTOMERS_SHOWN}`,
  );
  return rows.map((row) => {
    const revenue = row.hid ? null : normalizeAmount(row.revenue);
    const count = Number(row.deals);
    return { id: Number(row.id), name: row.name ?? "—", deals: count, revenue, averageDeal: revenue !== null && count > 0 ? divideDecimal(revenue, count) : null, unconverted: !row.hid && row.unconverted };
  });
}
