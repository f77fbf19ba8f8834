CREATE TABLE "deal_stage_totals" (
	"org_id" integer NOT NULL,
	"pipeline_id" integer NOT NULL,
	"stage_id" integer NOT NULL,
	"assigned_by_id" integer NOT NULL,
	"opened" boolean NOT NULL,
	"currency" char(3) NOT NULL,
	"deals" integer NOT NULL,
	"amount" numeric(24, 2) NOT NULL
);
--> statement-breakpoint
CREATE INDEX "deal_stage_totals_stage_idx" ON "deal_stage_totals" USING btree ("org_id","pipeline_id","stage_id");--> statement-breakpoint
-- Statement triggers with transition tables: one grouped insert per statement, however many rows
-- it touched (a bulk move of 10,000 deals adds a handful of rows). Inserts only, so concurrent
-- moves never wait on a shared total or deadlock over two of them.
CREATE FUNCTION crm_deal_totals_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO deal_stage_totals (org_id, pipeline_id, stage_id, assigned_by_id, opened, currency, deals, amount)
  SELECT org_id, pipeline_id, stage_id, assigned_by_id, opened, currency, count(*), sum(amount)
  FROM new_rows GROUP BY 1, 2, 3, 4, 5, 6;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION crm_deal_totals_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO deal_stage_totals (org_id, pipeline_id, stage_id, assigned_by_id, opened, currency, deals, amount)
  SELECT org_id, pipeline_id, stage_id, assigned_by_id, opened, currency, -count(*), -sum(amount)
  FROM old_rows GROUP BY 1, 2, 3, 4, 5, 6;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- An update that changes none of the keyed facts or the amount (a title, an activity summary)
-- cancels out and writes nothing.
CREATE FUNCTION crm_deal_totals_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO deal_stage_totals (org_id, pipeline_id, stage_id, assigned_by_id, opened, currency, deals, amount)
  SELECT org_id, pipeline_id, stage_id, assigned_by_id, opened, currency, sum(n), sum(a)
  FROM (
    SELECT org_id, pipeline_id, stage_id, assigned_by_id, opened, currency, 1 AS n, amount AS a FROM new_rows
    UNION ALL
    SELECT org_id, pipeline_id, stage_id, assigned_by_id, opened, currency, -1, -amount FROM old_rows
  ) change
  GROUP BY 1, 2, 3, 4, 5, 6
  HAVING sum(n) <> 0 OR sum(a) <> 0;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER deals_totals_inserted AFTER INSERT ON deals REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION crm_deal_totals_inserted();
--> statement-breakpoint
CREATE TRIGGER deals_totals_deleted AFTER DELETE ON deals REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION crm_deal_totals_deleted();
--> statement-breakpoint
CREATE TRIGGER deals_totals_updated AFTER UPDATE ON deals REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION crm_deal_totals_updated();
--> statement-breakpoint
-- Folds each key's rows into one and drops keys that net to nothing or whose org is gone. Rows
-- inserted meanwhile by other transactions are not in this statement's snapshot and stay as they are.
CREATE FUNCTION crm_fold_deal_totals() RETURNS integer LANGUAGE sql AS $$
  WITH folded AS (
    SELECT org_id, pipeline_id, stage_id, assigned_by_id, opened, currency
    FROM deal_stage_totals
    GROUP BY 1, 2, 3, 4, 5, 6
    HAVING count(*) > 1 OR sum(deals) = 0 OR NOT EXISTS (SELECT 1 FROM orgs WHERE orgs.id = deal_stage_totals.org_id)
  ), gone AS (
    DELETE FROM deal_stage_totals t USING folded f
    WHERE (t.org_id, t.pipeline_id, t.stage_id, t.assigned_by_id, t.opened, t.currency)
        = (f.org_id, f.pipeline_id, f.stage_id, f.assigned_by_id, f.opened, f.currency)
    RETURNING t.*
  ), kept AS (
    INSERT INTO deal_stage_totals (org_id, pipeline_id, stage_id, assigned_by_id, opened, currency, deals, amount)
    SELECT org_id, pipeline_id, stage_id, assigned_by_id, opened, currency, sum(deals), sum(amount)
    FROM gone
    WHERE EXISTS (SELECT 1 FROM orgs WHERE orgs.id = gone.org_id)
    GROUP BY 1, 2, 3, 4, 5, 6
    HAVING sum(deals) <> 0 OR sum(amount) <> 0
    RETURNING 1
  )
  SELECT count(*)::int FROM gone
$$;
--> statement-breakpoint
-- Recounts from the deals themselves: the backfill here, and after bulk loads that disable the triggers.
CREATE FUNCTION crm_rebuild_deal_totals() RETURNS void LANGUAGE sql AS $$
  LOCK TABLE deals IN SHARE MODE;
  DELETE FROM deal_stage_totals;
  INSERT INTO deal_stage_totals (org_id, pipeline_id, stage_id, assigned_by_id, opened, currency, deals, amount)
  SELECT org_id, pipeline_id, stage_id, assigned_by_id, opened, currency, count(*), sum(amount)
  FROM deals GROUP BY 1, 2, 3, 4, 5, 6;
$$;
--> statement-breakpoint
SELECT crm_rebuild_deal_totals();
