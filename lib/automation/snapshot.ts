import "server-only";
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import type { Communication } from "@/db/schema";
import type { DealSnapshot } from "./conditions";

type Row = {
  id: number;
  title: string;
  pipeline_id: number;
  stage_id: number;
  stage_semantics: string;
  amount: string;
  amount_base: string | null;
  currency: string;
  probability: number | null;
  assigned_by_id: number;
  company_id: number | null;
  begin_date: string;
  close_date: string;
  opened: boolean;
  source_id: string | null;
  type_id: string | null;
  comments: string | null;
  custom: Record<string, unknown>;
  company_title: string | null;
  company_emails: Communication[] | null;
  company_phones: Communication[] | null;
  contact_ids: number[] | null;
  contact_name: string | null;
  contact_emails: Communication[] | null;
  contact_phones: Communication[] | null;
};

const firstValues = (items: Communication[] | null) => (items ?? []).map((c) => c.value).filter(Boolean);

/**
 * One deal as robots and triggers see it (conditions, date-relative timing), read with the
 * engine's lock on the run; the engine has checked its author may read the deal. Amounts in the
 * base currency use the org's rates; a currency without a rate has no base amount.
 */
export async function dealSnapshot(db: Db, orgId: number, dealId: number): Promise<DealSnapshot | null> {
  return (await dealSnapshots(db, orgId, [dealId])).get(dealId) ?? null;
}

/** Many deals as robots see them, in one statement; a deal that is gone is missing from the map. */
export async function dealSnapshots(db: Db, orgId: number, dealIds: number[]): Promise<Map<number, DealSnapshot>> {
  if (dealIds.length === 0) return new Map();
  const rows = await queryRows<Row>(db, sql`
    select d.id, d.title, d.pipeline_id, d.stage_id, d.stage_semantics, d.amount::text, d.currency, d.probability,
      d.assigned_by_id, d.company_id, d.begin_date::text, d.close_date::text, d.opened, d.source_id, d.type_id, d.comments, d.custom,
      case when d.currency = o.base_currency then d.amount::text else round(d.amount * r.rate, 2)::text end as amount_base,
      co.title as company_title, co.emails as company_emails, co.phones as company_phones,
      (select array_agg(dc.contact_id order by dc.sort) from deal_contacts dc where dc.deal_id = d.id) as contact_ids,
      ct.name || coalesce(' ' || ct.last_name, '') as contact_name, ct.emails as contact_emails, ct.phones as contact_phones
    from deals d
    join orgs o on o.id = d.org_id
    left join currency_rates r on r.org_id = d.org_id and r.currency = d.currency
    left join companies co on co.id = d.company_id
    left join lateral (
      select c.* from deal_contacts dc join contacts c on c.id = dc.contact_id where dc.deal_id = d.id order by dc.is_primary desc, dc.sort limit 1
    ) ct on true
    where d.org_id = ${orgId} and d.id in (${sql.join(dealIds.map((id) => sql`${id}::int`), sql`, `)})`);
  return new Map(rows.map((row) => [row.id, toSnapshot(row)]));
}

function toSnapshot(row: Row): DealSnapshot {
  const snapshot: DealSnapshot = {
    id: row.id,
    title: row.title,
    pipelineId: row.pipeline_id,
    stageId: row.stage_id,
    stageSemantics: row.stage_semantics,
    amount: row.amount,
    amountBase: row.amount_base,
    currency: row.currency,
    probability: row.probability,
    assignedById: row.assigned_by_id,
    companyId: row.company_id,
    contactIds: row.contact_ids ?? [],
    beginDate: row.begin_date,
    closeDate: row.close_date,
    opened: row.opened,
    sourceId: row.source_id,
    typeId: row.type_id,
    comments: row.comments,
    "company.title": row.company_title,
    "company.email": firstValues(row.company_emails),
    "company.phone": firstValues(row.company_phones),
    "contact.name": row.contact_name,
    "contact.email": firstValues(row.contact_emails),
    "contact.phone": firstValues(row.contact_phones),
  };
  for (const [code, value] of Object.entries(row.custom ?? {})) {
    snapshot[`uf.${code}`] = Array.isArray(value) ? value.map((v) => (typeof v === "number" ? v : String(v))) : value === null || value === undefined ? null : typeof value === "object" ? JSON.stringify(value) : (value as string | number | boolean);
  }
  return snapshot;
}
