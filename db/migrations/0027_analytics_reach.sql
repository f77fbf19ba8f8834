CREATE TABLE "deal_reach_totals" (
	"org_id" integer NOT NULL,
	"pipeline_id" integer NOT NULL,
	"stage_id" integer NOT NULL,
	"month" date NOT NULL,
	"cur_pipeline_id" integer NOT NULL,
	"still_there" boolean NOT NULL,
	"assigned_by_id" integer NOT NULL,
	"opened" boolean NOT NULL,
	"currency" char(3) NOT NULL,
	"deals" integer NOT NULL,
	"amount" numeric(24, 2) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deal_stage_reach" (
	"org_id" integer NOT NULL,
	"deal_id" integer NOT NULL,
	"pipeline_id" integer NOT NULL,
	"stage_id" integer NOT NULL,
	"reached_at" timestamp with time zone NOT NULL,
	"cur_pipeline_id" integer NOT NULL,
	"cur_stage_id" integer NOT NULL,
	"assigned_by_id" integer NOT NULL,
	"opened" boolean NOT NULL,
	"currency" char(3) NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	CONSTRAINT "deal_stage_reach_org_id_deal_id_stage_id_pk" PRIMARY KEY("org_id","deal_id","stage_id")
);
--> statement-breakpoint
CREATE INDEX "deal_reach_totals_org_month_idx" ON "deal_reach_totals" USING btree ("org_id","month");--> statement-breakpoint
CREATE INDEX "deal_reach_totals_org_assigned_idx" ON "deal_reach_totals" USING btree ("org_id","assigned_by_id","month");--> statement-breakpoint
CREATE INDEX "deal_stage_reach_org_stage_at_idx" ON "deal_stage_reach" USING btree ("org_id","stage_id","reached_at");--> statement-breakpoint
CREATE INDEX "deal_stage_reach_org_at_idx" ON "deal_stage_reach" USING btree ("org_id","reached_at","pipeline_id","stage_id","cur_pipeline_id","cur_stage_id","assigned_by_id","opened","currency","amount");--> statement-breakpoint
-- The reach of a set of stage_history rows: each row reaches its own stage; a stage in progress
-- also every earlier stage in progress of the pipeline, a success stage every one of them; a
-- failure stage only itself. The deal's current facts are copied along. First reach wins.
CREATE FUNCTION crm_reach_of_history() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO deal_stage_reach (org_id, deal_id, pipeline_id, stage_id, reached_at, cur_pipeline_id, cur_stage_id, assigned_by_id, opened, currency, amount)
  SELECT d.org_id, d.id, t.pipeline_id, t.id, min(h.at), d.pipeline_id, d.stage_id, d.assigned_by_id, d.opened, d.currency, d.amount
  FROM new_rows h
  JOIN stages s ON s.id = h.stage_id
  JOIN stages t ON t.pipeline_id = s.pipeline_id
   AND (t.id = s.id OR (t.semantics = 'P' AND (s.semantics = 'S' OR (s.semantics = 'P' AND t.sort <= s.sort))))
  JOIN deals d ON d.id = h.deal_id AND d.org_id = h.org_id
  GROUP BY d.org_id, d.id, t.pipeline_id, t.id
  ON CONFLICT (org_id, deal_id, stage_id) DO UPDATE SET reached_at = excluded.reached_at
    WHERE excluded.reached_at < deal_stage_reach.reached_at;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER stage_history_reach AFTER INSERT ON stage_history REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION crm_reach_of_history();
--> statement-breakpoint
-- A deal's facts follow it onto its reach rows; an update that changes none of them writes nothing.
CREATE FUNCTION crm_reach_follow_deal() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE deal_stage_reach r
  SET cur_pipeline_id = n.pipeline_id, cur_stage_id = n.stage_id, assigned_by_id = n.assigned_by_id, opened = n.opened, currency = n.currency, amount = n.amount
  FROM new_rows n JOIN old_rows o ON o.id = n.id
  WHERE r.org_id = n.org_id AND r.deal_id = n.id
    AND (n.pipeline_id, n.stage_id, n.assigned_by_id, n.opened, n.currency, n.amount) IS DISTINCT FROM (o.pipeline_id, o.stage_id, o.assigned_by_id, o.opened, o.currency, o.amount);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER deals_reach_updated AFTER UPDATE ON deals REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION crm_reach_follow_deal();
--> statement-breakpoint
CREATE FUNCTION crm_reach_drop_deal() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM deal_stage_reach r USING old_rows o WHERE r.org_id = o.org_id AND r.deal_id = o.id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER deals_reach_deleted AFTER DELETE ON deals REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION crm_reach_drop_deal();
--> statement-breakpoint
-- The monthly ledger: one grouped insert of deltas per statement on the reach rows. The month is
-- the org's calendar month; an org whose time zone changes needs crm_rebuild_reach_totals().
CREATE FUNCTION crm_reach_month(org integer, at timestamptz) RETURNS date LANGUAGE sql STABLE AS $$
  SELECT date_trunc('month', at AT TIME ZONE coalesce((SELECT timezone FROM orgs WHERE id = org), 'UTC'))::date
$$;
--> statement-breakpoint
CREATE FUNCTION crm_reach_totals_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO deal_reach_totals (org_id, pipeline_id, stage_id, month, cur_pipeline_id, still_there, assigned_by_id, opened, currency, deals, amount)
    SELECT org_id, pipeline_id, stage_id, crm_reach_month(org_id, reached_at), cur_pipeline_id, cur_stage_id = stage_id, assigned_by_id, opened, currency, count(*), sum(amount)
    FROM new_rows GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO deal_reach_totals (org_id, pipeline_id, stage_id, month, cur_pipeline_id, still_there, assigned_by_id, opened, currency, deals, amount)
    SELECT org_id, pipeline_id, stage_id, crm_reach_month(org_id, reached_at), cur_pipeline_id, cur_stage_id = stage_id, assigned_by_id, opened, currency, -count(*), -sum(amount)
    FROM old_rows GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
  ELSE
    INSERT INTO deal_reach_totals (org_id, pipeline_id, stage_id, month, cur_pipeline_id, still_there, assigned_by_id, opened, currency, deals, amount)
    SELECT org_id, pipeline_id, stage_id, crm_reach_month(org_id, reached_at), cur_pipeline_id, cur_stage_id = stage_id, assigned_by_id, opened, currency, sum(n), sum(a)
    FROM (
      SELECT org_id, pipeline_id, stage_id, reached_at, cur_pipeline_id, cur_stage_id, assigned_by_id, opened, currency, 1 AS n, amount AS a FROM new_rows
      UNION ALL
      SELECT org_id, pipeline_id, stage_id, reached_at, cur_pipeline_id, cur_stage_id, assigned_by_id, opened, currency, -1, -amount FROM old_rows
    ) change
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
    HAVING sum(n) <> 0 OR sum(a) <> 0;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER reach_totals_inserted AFTER INSERT ON deal_stage_reach REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION crm_reach_totals_changed();
--> statement-breakpoint
CREATE TRIGGER reach_totals_updated AFTER UPDATE ON deal_stage_reach REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION crm_reach_totals_changed();
--> statement-breakpoint
CREATE TRIGGER reach_totals_deleted AFTER DELETE ON deal_stage_reach REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION crm_reach_totals_changed();
--> statement-breakpoint
CREATE FUNCTION crm_fold_reach_totals() RETURNS integer LANGUAGE sql AS $$
  WITH folded AS (
    SELECT org_id, pipeline_id, stage_id, month, cur_pipeline_id, still_there, assigned_by_id, opened, currency
    FROM deal_reach_totals
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
    HAVING count(*) > 1 OR sum(deals) = 0 OR NOT EXISTS (SELECT 1 FROM orgs WHERE orgs.id = deal_reach_totals.org_id)
  ), gone AS (
    DELETE FROM deal_reach_totals t USING folded f
    WHERE (t.org_id, t.pipeline_id, t.stage_id, t.month, t.cur_pipeline_id, t.still_there, t.assigned_by_id, t.opened, t.currency)
        = (f.org_id, f.pipeline_id, f.stage_id, f.month, f.cur_pipeline_id, f.still_there, f.assigned_by_id, f.opened, f.currency)
    RETURNING t.*
  ), kept AS (
    INSERT INTO deal_reach_totals (org_id, pipeline_id, stage_id, month, cur_pipeline_id, still_there, assigned_by_id, opened, currency, deals, amount)
    SELECT org_id, pipeline_id, stage_id, month, cur_pipeline_id, still_there, assigned_by_id, opened, currency, sum(deals), sum(amount)
    FROM gone
    WHERE EXISTS (SELECT 1 FROM orgs WHERE orgs.id = gone.org_id)
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
    HAVING sum(deals) <> 0 OR sum(amount) <> 0
    RETURNING 1
  )
  SELECT count(*)::int FROM gone
$$;
--> statement-breakpoint
-- Recounts reach from the stage history and the totals from the reach: the backfill here, after
-- bulk loads that disable the triggers, and after an org's time zone changes.
CREATE FUNCTION crm_rebuild_reach() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE deals, stage_history IN SHARE MODE;
  ALTER TABLE deal_stage_reach DISABLE TRIGGER USER;
  DELETE FROM deal_stage_reach;
  INSERT INTO deal_stage_reach (org_id, deal_id, pipeline_id, stage_id, reached_at, cur_pipeline_id, cur_stage_id, assigned_by_id, opened, currency, amount)
  SELECT d.org_id, d.id, t.pipeline_id, t.id, min(h.at), d.pipeline_id, d.stage_id, d.assigned_by_id, d.opened, d.currency, d.amount
  FROM stage_history h
  JOIN stages s ON s.id = h.stage_id
  JOIN stages t ON t.pipeline_id = s.pipeline_id
   AND (t.id = s.id OR (t.semantics = 'P' AND (s.semantics = 'S' OR (s.semantics = 'P' AND t.sort <= s.sort))))
  JOIN deals d ON d.id = h.deal_id AND d.org_id = h.org_id
  GROUP BY d.org_id, d.id, t.pipeline_id, t.id;
  ALTER TABLE deal_stage_reach ENABLE TRIGGER USER;
  DELETE FROM deal_reach_totals;
  INSERT INTO deal_reach_totals (org_id, pipeline_id, stage_id, month, cur_pipeline_id, still_there, assigned_by_id, opened, currency, deals, amount)
  SELECT r.org_id, r.pipeline_id, r.stage_id, date_trunc('month', r.reached_at AT TIME ZONE o.timezone)::date, r.cur_pipeline_id, r.cur_stage_id = r.stage_id, r.assigned_by_id, r.opened, r.currency, count(*), sum(r.amount)
  FROM deal_stage_reach r JOIN orgs o ON o.id = r.org_id
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
END
$$;
--> statement-breakpoint
SELECT crm_rebuild_reach();
