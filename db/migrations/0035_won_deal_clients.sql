CREATE TABLE "won_deal_clients" (
	"org_id" integer NOT NULL,
	"deal_id" integer NOT NULL,
	"kind" text NOT NULL,
	"client_id" integer NOT NULL,
	"won_at" timestamp with time zone NOT NULL,
	"pipeline_id" integer NOT NULL,
	"stage_id" integer NOT NULL,
	"assigned_by_id" integer NOT NULL,
	"opened" boolean NOT NULL,
	"currency" char(3) NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	CONSTRAINT "won_deal_clients_org_id_deal_id_kind_client_id_pk" PRIMARY KEY("org_id","deal_id","kind","client_id")
);
--> statement-breakpoint
CREATE INDEX "won_deal_clients_org_won_idx" ON "won_deal_clients" USING btree ("org_id","kind","won_at");--> statement-breakpoint
-- What won_deal_clients holds, computed: the company and every contact of each deal still at the
-- success stage it reached. Filtered by (org_id, deal_id), the filter reaches the indexes.
CREATE VIEW won_deal_clients_source AS
  SELECT r.org_id, r.deal_id, c.kind, c.client_id, r.reached_at AS won_at, r.pipeline_id, r.stage_id, r.assigned_by_id, r.opened, r.currency, r.amount
  FROM deal_stage_reach r
  JOIN stages s ON s.id = r.stage_id AND s.semantics = 'S'
  JOIN deals d ON d.id = r.deal_id AND d.org_id = r.org_id
  CROSS JOIN LATERAL (
    SELECT 'company'::text AS kind, d.company_id AS client_id WHERE d.company_id IS NOT NULL
    UNION ALL
    SELECT 'contact'::text, dc.contact_id FROM deal_contacts dc WHERE dc.deal_id = d.id
  ) c
  WHERE r.cur_stage_id = r.stage_id;
--> statement-breakpoint
CREATE FUNCTION crm_recount_won_clients(org_ids integer[], deal_ids integer[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM won_deal_clients w USING unnest(org_ids, deal_ids) k(org_id, deal_id)
  WHERE w.org_id = k.org_id AND w.deal_id = k.deal_id;
  INSERT INTO won_deal_clients (org_id, deal_id, kind, client_id, won_at, pipeline_id, stage_id, assigned_by_id, opened, currency, amount)
  SELECT v.org_id, v.deal_id, v.kind, v.client_id, v.won_at, v.pipeline_id, v.stage_id, v.assigned_by_id, v.opened, v.currency, v.amount
  FROM won_deal_clients_source v
  WHERE (v.org_id, v.deal_id) IN (SELECT k.org_id, k.deal_id FROM unnest(org_ids, deal_ids) k(org_id, deal_id));
END
$$;
--> statement-breakpoint
-- A win (or its end, or a change of the won deal's facts) is recounted into its clients too.
CREATE OR REPLACE FUNCTION crm_recount_won(org_ids integer[], deal_ids integer[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM crm_recount_won_products(org_ids, deal_ids);
  PERFORM crm_recount_won_clients(org_ids, deal_ids);
END
$$;
--> statement-breakpoint
CREATE TRIGGER deal_contacts_won_inserted AFTER INSERT ON deal_contacts REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION crm_recount_deals_of_rows('crm_recount_won_clients');
--> statement-breakpoint
CREATE TRIGGER deal_contacts_won_updated AFTER UPDATE ON deal_contacts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION crm_recount_deals_of_rows('crm_recount_won_clients');
--> statement-breakpoint
CREATE TRIGGER deal_contacts_won_deleted AFTER DELETE ON deal_contacts REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION crm_recount_deals_of_rows('crm_recount_won_clients');
--> statement-breakpoint
-- A deal's company changed: its won clients are recounted. The changed deals are found by
-- grouping, not by joining new_rows to old_rows (see 0033).
CREATE FUNCTION crm_won_clients_of_deal() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  orgs_ integer[];
  deals_ integer[];
BEGIN
  SELECT array_agg(org_id), array_agg(id) INTO orgs_, deals_
  FROM (
    SELECT DISTINCT org_id, id FROM (
      SELECT org_id, id, company_id, 1 AS n FROM new_rows
      UNION ALL
      SELECT org_id, id, company_id, -1 FROM old_rows
    ) c
    GROUP BY org_id, id, company_id
    HAVING sum(n) <> 0
  ) d;
  IF deals_ IS NOT NULL THEN PERFORM crm_recount_won_clients(orgs_, deals_); END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER deals_won_clients_updated AFTER UPDATE ON deals REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION crm_won_clients_of_deal();
--> statement-breakpoint
-- Recounts the won clients from the reach rows, deals and their contacts: the backfill here, and
-- after crm_rebuild_reach() and bulk loads that disable the triggers.
CREATE FUNCTION crm_rebuild_won_clients() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE deal_stage_reach, deals, deal_contacts IN SHARE MODE;
  DELETE FROM won_deal_clients;
  INSERT INTO won_deal_clients (org_id, deal_id, kind, client_id, won_at, pipeline_id, stage_id, assigned_by_id, opened, currency, amount)
  SELECT org_id, deal_id, kind, client_id, won_at, pipeline_id, stage_id, assigned_by_id, opened, currency, amount FROM won_deal_clients_source;
END
$$;
--> statement-breakpoint
SELECT crm_rebuild_won_clients();
