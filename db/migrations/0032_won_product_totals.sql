CREATE TABLE "won_deal_products" (
	"org_id" integer NOT NULL,
	"deal_id" integer NOT NULL,
	"product_key" integer NOT NULL,
	"name_key" text NOT NULL,
	"name" text NOT NULL,
	"unit" text NOT NULL,
	"won_at" timestamp with time zone NOT NULL,
	"pipeline_id" integer NOT NULL,
	"stage_id" integer NOT NULL,
	"assigned_by_id" integer NOT NULL,
	"opened" boolean NOT NULL,
	"currency" char(3) NOT NULL,
	"quantity" numeric(24, 4) NOT NULL,
	"gross" numeric(24, 2) NOT NULL,
	CONSTRAINT "won_deal_products_org_id_deal_id_product_key_name_key_pk" PRIMARY KEY("org_id","deal_id","product_key","name_key")
);
--> statement-breakpoint
CREATE TABLE "won_product_totals" (
	"org_id" integer NOT NULL,
	"month" date NOT NULL,
	"product_key" integer NOT NULL,
	"name_key" text NOT NULL,
	"name" text NOT NULL,
	"unit" text NOT NULL,
	"pipeline_id" integer NOT NULL,
	"assigned_by_id" integer NOT NULL,
	"opened" boolean NOT NULL,
	"currency" char(3) NOT NULL,
	"deals" integer NOT NULL,
	"quantity" numeric(24, 4) NOT NULL,
	"gross" numeric(24, 2) NOT NULL
);
--> statement-breakpoint
CREATE INDEX "won_deal_products_org_won_idx" ON "won_deal_products" USING btree ("org_id","won_at");--> statement-breakpoint
CREATE INDEX "won_product_totals_org_month_idx" ON "won_product_totals" USING btree ("org_id","month");--> statement-breakpoint
-- A product row's amount as the deal's totals count it (lib/products/totals.ts): the unit price
-- less its discount, times the quantity, rounded to the currency's minor unit (lib/money:
-- minorUnits); the tax added on top unless the price includes it.
CREATE FUNCTION crm_minor_units(currency text) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE currency WHEN 'VND' THEN 0 ELSE 2 END
$$;
--> statement-breakpoint
CREATE FUNCTION crm_row_gross(price numeric, quantity numeric, discount_type text, discount_value numeric, tax_rate numeric, tax_included boolean, currency text)
RETURNS numeric LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN tax_included THEN l.line ELSE l.line + round(l.line * coalesce(tax_rate, 0) / 100, crm_minor_units(currency)) END
  FROM (SELECT round((price - CASE discount_type WHEN 'percent' THEN price * discount_value / 100 ELSE discount_value END) * quantity, crm_minor_units(currency)) AS line) l
$$;
--> statement-breakpoint
-- What won_deal_products holds, computed: the product rows of every deal still at the success
-- stage it reached. Filtered by (org_id, deal_id), the filter reaches the indexes under the grouping.
CREATE VIEW won_deal_products_source AS
  SELECT r.org_id, r.deal_id, coalesce(p.product_id, 0) AS product_key,
    CASE WHEN p.product_id IS NULL THEN lower(p.name) ELSE '' END AS name_key,
    CASE WHEN p.product_id IS NULL THEN min(p.name) ELSE '' END AS name,
    min(p.unit) AS unit, r.reached_at AS won_at, r.pipeline_id, r.stage_id, r.assigned_by_id, r.opened, r.currency,
    sum(p.quantity) AS quantity,
    sum(crm_row_gross(p.price, p.quantity, p.discount_type, p.discount_value, p.tax_rate, p.tax_included, r.currency)) AS gross
  FROM deal_stage_reach r
  JOIN stages s ON s.id = r.stage_id AND s.semantics = 'S'
  JOIN deal_products p ON p.org_id = r.org_id AND p.deal_id = r.deal_id
  WHERE r.cur_stage_id = r.stage_id
  GROUP BY r.org_id, r.deal_id, coalesce(p.product_id, 0), p.product_id IS NULL, CASE WHEN p.product_id IS NULL THEN lower(p.name) ELSE '' END,
    r.reached_at, r.pipeline_id, r.stage_id, r.assigned_by_id, r.opened, r.currency;
--> statement-breakpoint
CREATE FUNCTION crm_recount_won_products(org_ids integer[], deal_ids integer[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM won_deal_products w USING unnest(org_ids, deal_ids) k(org_id, deal_id)
  WHERE w.org_id = k.org_id AND w.deal_id = k.deal_id;
  INSERT INTO won_deal_products (org_id, deal_id, product_key, name_key, name, unit, won_at, pipeline_id, stage_id, assigned_by_id, opened, currency, quantity, gross)
  SELECT v.org_id, v.deal_id, v.product_key, v.name_key, v.name, v.unit, v.won_at, v.pipeline_id, v.stage_id, v.assigned_by_id, v.opened, v.currency, v.quantity, v.gross
  FROM won_deal_products_source v
  WHERE (v.org_id, v.deal_id) IN (SELECT k.org_id, k.deal_id FROM unnest(org_ids, deal_ids) k(org_id, deal_id));
END
$$;
--> statement-breakpoint
-- Rows of a deal's (product rows, contacts) written: the deals they belong to are recounted by
-- the function the trigger names (TG_ARGV[0]), which does nothing for a deal not won.
CREATE FUNCTION crm_recount_deals_of_rows() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  orgs_ integer[];
  deals_ integer[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(org_id), array_agg(deal_id) INTO orgs_, deals_ FROM (SELECT DISTINCT org_id, deal_id FROM new_rows) d;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(org_id), array_agg(deal_id) INTO orgs_, deals_ FROM (SELECT DISTINCT org_id, deal_id FROM old_rows) d;
  ELSE
    SELECT array_agg(org_id), array_agg(deal_id) INTO orgs_, deals_ FROM (SELECT org_id, deal_id FROM new_rows UNION SELECT org_id, deal_id FROM old_rows) d;
  END IF;
  IF deals_ IS NOT NULL THEN EXECUTE format('SELECT %I($1, $2)', TG_ARGV[0]) USING orgs_, deals_; END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER deal_products_won_inserted AFTER INSERT ON deal_products REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION crm_recount_deals_of_rows('crm_recount_won_products');
--> statement-breakpoint
CREATE TRIGGER deal_products_won_updated AFTER UPDATE ON deal_products REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION crm_recount_deals_of_rows('crm_recount_won_products');
--> statement-breakpoint
CREATE TRIGGER deal_products_won_deleted AFTER DELETE ON deal_products REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION crm_recount_deals_of_rows('crm_recount_won_products');
--> statement-breakpoint
-- What a deal's win is recounted into; migration 0035 adds its clients.
CREATE FUNCTION crm_recount_won(org_ids integer[], deal_ids integer[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM crm_recount_won_products(org_ids, deal_ids);
END
$$;
--> statement-breakpoint
-- A reach row at a success stage written (won, reopened, moved on, the deal's facts changed, the
-- deal deleted): its deal's win is recounted. Reach rows at other stages change nothing.
CREATE FUNCTION crm_won_of_reach() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  orgs_ integer[];
  deals_ integer[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(org_id), array_agg(deal_id) INTO orgs_, deals_
    FROM (SELECT DISTINCT r.org_id, r.deal_id FROM new_rows r JOIN stages s ON s.id = r.stage_id AND s.semantics = 'S') d;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(org_id), array_agg(deal_id) INTO orgs_, deals_
    FROM (SELECT DISTINCT r.org_id, r.deal_id FROM old_rows r JOIN stages s ON s.id = r.stage_id AND s.semantics = 'S') d;
  ELSE
    SELECT array_agg(org_id), array_agg(deal_id) INTO orgs_, deals_
    FROM (
      SELECT r.org_id, r.deal_id FROM new_rows r JOIN stages s ON s.id = r.stage_id AND s.semantics = 'S'
      UNION
      SELECT r.org_id, r.deal_id FROM old_rows r JOIN stages s ON s.id = r.stage_id AND s.semantics = 'S'
    ) d;
  END IF;
  IF deals_ IS NOT NULL THEN PERFORM crm_recount_won(orgs_, deals_); END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER reach_won_inserted AFTER INSERT ON deal_stage_reach REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION crm_won_of_reach();
--> statement-breakpoint
CREATE TRIGGER reach_won_updated AFTER UPDATE ON deal_stage_reach REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION crm_won_of_reach();
--> statement-breakpoint
CREATE TRIGGER reach_won_deleted AFTER DELETE ON deal_stage_reach REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION crm_won_of_reach();
--> statement-breakpoint
-- The monthly ledger: one grouped insert of deltas per statement on won_deal_products.
CREATE FUNCTION crm_won_product_totals_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO won_product_totals (org_id, month, product_key, name_key, name, unit, pipeline_id, assigned_by_id, opened, currency, deals, quantity, gross)
    SELECT org_id, crm_reach_month(org_id, won_at), product_key, name_key, name, unit, pipeline_id, assigned_by_id, opened, currency, count(*), sum(quantity), sum(gross)
    FROM new_rows GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    INSERT INTO won_product_totals (org_id, month, product_key, name_key, name, unit, pipeline_id, assigned_by_id, opened, currency, deals, quantity, gross)
    SELECT org_id, crm_reach_month(org_id, won_at), product_key, name_key, name, unit, pipeline_id, assigned_by_id, opened, currency, -count(*), -sum(quantity), -sum(gross)
    FROM old_rows GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER won_product_totals_inserted AFTER INSERT ON won_deal_products REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION crm_won_product_totals_changed();
--> statement-breakpoint
CREATE TRIGGER won_product_totals_updated AFTER UPDATE ON won_deal_products REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION crm_won_product_totals_changed();
--> statement-breakpoint
CREATE TRIGGER won_product_totals_deleted AFTER DELETE ON won_deal_products REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION crm_won_product_totals_changed();
--> statement-breakpoint
CREATE FUNCTION crm_fold_won_product_totals() RETURNS integer LANGUAGE sql AS $$
  WITH folded AS (
    SELECT org_id, month, product_key, name_key, name, unit, pipeline_id, assigned_by_id, opened, currency
    FROM won_product_totals
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
    HAVING count(*) > 1 OR sum(deals) = 0 OR NOT EXISTS (SELECT 1 FROM orgs WHERE orgs.id = won_product_totals.org_id)
  ), gone AS (
    DELETE FROM won_product_totals t USING folded f
    WHERE (t.org_id, t.month, t.product_key, t.name_key, t.name, t.unit, t.pipeline_id, t.assigned_by_id, t.opened, t.currency)
        = (f.org_id, f.month, f.product_key, f.name_key, f.name, f.unit, f.pipeline_id, f.assigned_by_id, f.opened, f.currency)
    RETURNING t.*
  ), kept AS (
    INSERT INTO won_product_totals (org_id, month, product_key, name_key, name, unit, pipeline_id, assigned_by_id, opened, currency, deals, quantity, gross)
    SELECT org_id, month, product_key, name_key, name, unit, pipeline_id, assigned_by_id, opened, currency, sum(deals), sum(quantity), sum(gross)
    FROM gone
    WHERE EXISTS (SELECT 1 FROM orgs WHERE orgs.id = gone.org_id)
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
    HAVING sum(deals) <> 0 OR sum(quantity) <> 0 OR sum(gross) <> 0
    RETURNING 1
  )
  SELECT count(*)::int FROM gone
$$;
--> statement-breakpoint
-- Recounts the won products from the reach rows and the product rows, and their monthly totals:
-- the backfill here, after crm_rebuild_reach() and bulk loads that disable the triggers, and after
-- an org's time zone changes.
CREATE FUNCTION crm_rebuild_won_products() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE deal_stage_reach, deal_products IN SHARE MODE;
  ALTER TABLE won_deal_products DISABLE TRIGGER USER;
  DELETE FROM won_deal_products;
  INSERT INTO won_deal_products (org_id, deal_id, product_key, name_key, name, unit, won_at, pipeline_id, stage_id, assigned_by_id, opened, currency, quantity, gross)
  SELECT org_id, deal_id, product_key, name_key, name, unit, won_at, pipeline_id, stage_id, assigned_by_id, opened, currency, quantity, gross
  FROM won_deal_products_source;
  ALTER TABLE won_deal_products ENABLE TRIGGER USER;
  DELETE FROM won_product_totals;
  INSERT INTO won_product_totals (org_id, month, product_key, name_key, name, unit, pipeline_id, assigned_by_id, opened, currency, deals, quantity, gross)
  SELECT w.org_id, date_trunc('month', w.won_at AT TIME ZONE o.timezone)::date, w.product_key, w.name_key, w.name, w.unit, w.pipeline_id, w.assigned_by_id, w.opened, w.currency, count(*), sum(w.quantity), sum(w.gross)
  FROM won_deal_products w JOIN orgs o ON o.id = w.org_id
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10;
END
$$;
--> statement-breakpoint
SELECT crm_rebuild_won_products();
