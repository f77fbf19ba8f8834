CREATE TABLE "activity_done_totals" (
	"org_id" integer NOT NULL,
	"day" date NOT NULL,
	"responsible_id" integer NOT NULL,
	"cur_pipeline_id" integer NOT NULL,
	"assigned_by_id" integer NOT NULL,
	"opened" boolean NOT NULL,
	"done" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "activity_done_totals_org_day_idx" ON "activity_done_totals" USING btree ("org_id","day");--> statement-breakpoint
CREATE INDEX "activities_done_org_at_idx" ON "activities" USING btree ("org_id","completed_at","responsible_id","deal_id") WHERE "activities"."completed";--> statement-breakpoint
-- The org's calendar day of an instant.
CREATE FUNCTION crm_org_day(org integer, at timestamptz) RETURNS date LANGUAGE sql STABLE AS $$
  SELECT (at AT TIME ZONE coalesce((SELECT timezone FROM orgs WHERE id = org), 'UTC'))::date
$$;
--> statement-breakpoint
-- An activity counts as done on the org's calendar day of completed_at, for its responsible,
-- under its deal's facts now. Each statement on activities writes its deltas, grouped.
CREATE FUNCTION crm_activity_done_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO activity_done_totals (org_id, day, responsible_id, cur_pipeline_id, assigned_by_id, opened, done)
    SELECT a.org_id, crm_org_day(a.org_id, a.completed_at), a.responsible_id, d.pipeline_id, d.assigned_by_id, d.opened, count(*)
    FROM new_rows a JOIN deals d ON d.org_id = a.org_id AND d.id = a.deal_id
    WHERE a.completed AND a.completed_at IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5, 6;
  ELSIF TG_OP = 'DELETE' THEN
    -- An activity deleted with its deal finds no deal here: crm_activity_done_deal_deleted took it off.
    INSERT INTO activity_done_totals (org_id, day, responsible_id, cur_pipeline_id, assigned_by_id, opened, done)
    SELECT a.org_id, crm_org_day(a.org_id, a.completed_at), a.responsible_id, d.pipeline_id, d.assigned_by_id, d.opened, -count(*)
    FROM old_rows a JOIN deals d ON d.org_id = a.org_id AND d.id = a.deal_id
    WHERE a.completed AND a.completed_at IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5, 6;
  ELSE
    INSERT INTO activity_done_totals (org_id, day, responsible_id, cur_pipeline_id, assigned_by_id, opened, done)
    SELECT a.org_id, crm_org_day(a.org_id, a.completed_at), a.responsible_id, d.pipeline_id, d.assigned_by_id, d.opened, sum(a.n)
    FROM (
      SELECT org_id, deal_id, responsible_id, completed_at, 1 AS n FROM new_rows WHERE completed AND completed_at IS NOT NULL
      UNION ALL
      SELECT org_id, deal_id, responsible_id, completed_at, -1 FROM old_rows WHERE completed AND completed_at IS NOT NULL
    ) a JOIN deals d ON d.org_id = a.org_id AND d.id = a.deal_id
    GROUP BY 1, 2, 3, 4, 5, 6
    HAVING sum(a.n) <> 0;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER activities_done_inserted AFTER INSERT ON activities REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION crm_activity_done_changed();
--> statement-breakpoint
CREATE TRIGGER activities_done_updated AFTER UPDATE ON activities REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION crm_activity_done_changed();
--> statement-breakpoint
CREATE TRIGGER activities_done_deleted AFTER DELETE ON activities REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION crm_activity_done_changed();
--> statement-breakpoint
-- A deal's pipeline, responsible or openness changed: its done activities move to the new facts.
-- The changed deals are found by grouping, not by joining new_rows to old_rows: a trigger's plan
-- is cached from its first call, and a join planned for one row is a nested loop, quadratic when
-- the same connection later updates ten thousand deals at once.
CREATE FUNCTION crm_activity_done_follow_deal() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO activity_done_totals (org_id, day, responsible_id, cur_pipeline_id, assigned_by_id, opened, done)
  SELECT a.org_id, crm_org_day(a.org_id, a.completed_at), a.responsible_id, f.pipeline_id, f.assigned_by_id, f.opened, sum(f.n)
  FROM (
    SELECT org_id, id, pipeline_id, assigned_by_id, opened, sum(n) AS n
    FROM (
      SELECT org_id, id, pipeline_id, assigned_by_id, opened, 1 AS n FROM new_rows
      UNION ALL
      SELECT org_id, id, pipeline_id, assigned_by_id, opened, -1 FROM old_rows
    ) c
    GROUP BY 1, 2, 3, 4, 5
    HAVING sum(n) <> 0
  ) f
  JOIN activities a ON a.org_id = f.org_id AND a.deal_id = f.id AND a.completed AND a.completed_at IS NOT NULL
  GROUP BY 1, 2, 3, 4, 5, 6
  HAVING sum(f.n) <> 0;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER deals_activity_done_updated AFTER UPDATE ON deals REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION crm_activity_done_follow_deal();
--> statement-breakpoint
-- Before a deal goes (its activities go with it, after it), its done activities leave the ledger.
CREATE FUNCTION crm_activity_done_deal_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO activity_done_totals (org_id, day, responsible_id, cur_pipeline_id, assigned_by_id, opened, done)
  SELECT a.org_id, crm_org_day(a.org_id, a.completed_at), a.responsible_id, OLD.pipeline_id, OLD.assigned_by_id, OLD.opened, -count(*)
  FROM activities a
  WHERE a.org_id = OLD.org_id AND a.deal_id = OLD.id AND a.completed AND a.completed_at IS NOT NULL
  GROUP BY 1, 2, 3;
  RETURN OLD;
END
$$;
--> statement-breakpoint
CREATE TRIGGER deals_activity_done_deleting BEFORE DELETE ON deals
  FOR EACH ROW EXECUTE FUNCTION crm_activity_done_deal_deleted();
--> statement-breakpoint
CREATE FUNCTION crm_fold_activity_done() RETURNS integer LANGUAGE sql AS $$
  WITH folded AS (
    SELECT org_id, day, responsible_id, cur_pipeline_id, assigned_by_id, opened
    FROM activity_done_totals
    GROUP BY 1, 2, 3, 4, 5, 6
    HAVING count(*) > 1 OR sum(done) = 0 OR NOT EXISTS (SELECT 1 FROM orgs WHERE orgs.id = activity_done_totals.org_id)
  ), gone AS (
    DELETE FROM activity_done_totals t USING folded f
    WHERE (t.org_id, t.day, t.responsible_id, t.cur_pipeline_id, t.assigned_by_id, t.opened)
        = (f.org_id, f.day, f.responsible_id, f.cur_pipeline_id, f.assigned_by_id, f.opened)
    RETURNING t.*
  ), kept AS (
    INSERT INTO activity_done_totals (org_id, day, responsible_id, cur_pipeline_id, assigned_by_id, opened, done)
    SELECT org_id, day, responsible_id, cur_pipeline_id, assigned_by_id, opened, sum(done)
    FROM gone
    WHERE EXISTS (SELECT 1 FROM orgs WHERE orgs.id = gone.org_id)
    GROUP BY 1, 2, 3, 4, 5, 6
    HAVING sum(done) <> 0
    RETURNING 1
  )
  SELECT count(*)::int FROM gone
$$;
--> statement-breakpoint
-- Recounts the ledger from the activities: the backfill here, after bulk loads that disable the
-- triggers, and after an org's time zone changes.
CREATE FUNCTION crm_rebuild_activity_done() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE deals, activities IN SHARE MODE;
  DELETE FROM activity_done_totals;
  INSERT INTO activity_done_totals (org_id, day, responsible_id, cur_pipeline_id, assigned_by_id, opened, done)
  SELECT a.org_id, (a.completed_at AT TIME ZONE o.timezone)::date, a.responsible_id, d.pipeline_id, d.assigned_by_id, d.opened, count(*)
  FROM activities a
  JOIN deals d ON d.org_id = a.org_id AND d.id = a.deal_id
  JOIN orgs o ON o.id = a.org_id
  WHERE a.completed AND a.completed_at IS NOT NULL
  GROUP BY 1, 2, 3, 4, 5, 6;
END
$$;
--> statement-breakpoint
SELECT crm_rebuild_activity_done();
