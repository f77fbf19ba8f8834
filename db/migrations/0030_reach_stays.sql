DROP INDEX "deal_stage_reach_org_stage_at_idx";
--> statement-breakpoint
ALTER TABLE "deal_stage_reach" ADD COLUMN "seconds_in" integer;
--> statement-breakpoint
ALTER TABLE "deal_stage_reach" ADD COLUMN "left_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "deal_stage_reach" ADD COLUMN "entered_at" timestamp with time zone;
--> statement-breakpoint
-- The stays of some deals (null: of every deal), recounted from their whole stage history: each
-- history row lasts until the deal's next one; a stage's reach row gets the stays in it added up,
-- the last time the deal left it, and when the deal first entered the stage's pipeline.
-- Recounting the deal, not adding the move's delta, keeps it right when history is written
-- back-dated between earlier rows (imports, tests).
CREATE FUNCTION crm_recount_stays(org_ids integer[], deal_ids integer[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF deal_ids IS NULL THEN
    UPDATE deal_stage_reach r SET seconds_in = s.seconds_in, left_at = s.left_at
    FROM (
      SELECT h.org_id, h.deal_id, h.stage_id, round(sum(extract(epoch FROM h.next_at - h.at)))::integer AS seconds_in, max(h.next_at) AS left_at
      FROM (
        SELECT sh.org_id, sh.deal_id, sh.stage_id, sh.at, lead(sh.at) OVER (PARTITION BY sh.org_id, sh.deal_id ORDER BY sh.at, sh.id) AS next_at
        FROM stage_history sh
      ) h
      WHERE h.next_at IS NOT NULL
      GROUP BY 1, 2, 3
    ) s
    WHERE r.org_id = s.org_id AND r.deal_id = s.deal_id AND r.stage_id = s.stage_id
      AND (r.seconds_in, r.left_at) IS DISTINCT FROM (s.seconds_in, s.left_at);
    UPDATE deal_stage_reach r SET entered_at = e.entered_at
    FROM (SELECT org_id, deal_id, pipeline_id, min(at) AS entered_at FROM stage_history GROUP BY 1, 2, 3) e
    WHERE r.org_id = e.org_id AND r.deal_id = e.deal_id AND r.pipeline_id = e.pipeline_id AND r.entered_at IS DISTINCT FROM e.entered_at;
  ELSE
    -- Deal by deal through the history's (org, deal) index: a move reads its deal's few rows.
    UPDATE deal_stage_reach r SET seconds_in = s.seconds_in, left_at = s.left_at
    FROM (
      SELECT k.org_id, k.deal_id, h.stage_id, round(sum(extract(epoch FROM h.next_at - h.at)))::integer AS seconds_in, max(h.next_at) AS left_at
      FROM unnest(org_ids, deal_ids) AS k(org_id, deal_id)
      CROSS JOIN LATERAL (
        SELECT sh.stage_id, sh.at, lead(sh.at) OVER (ORDER BY sh.at, sh.id) AS next_at
        FROM stage_history sh WHERE sh.org_id = k.org_id AND sh.deal_id = k.deal_id
      ) h
      WHERE h.next_at IS NOT NULL
      GROUP BY 1, 2, 3
    ) s
    WHERE r.org_id = s.org_id AND r.deal_id = s.deal_id AND r.stage_id = s.stage_id
      AND (r.seconds_in, r.left_at) IS DISTINCT FROM (s.seconds_in, s.left_at);
    UPDATE deal_stage_reach r SET entered_at = e.entered_at
    FROM (
      SELECT k.org_id, k.deal_id, h.pipeline_id, min(h.at) AS entered_at
      FROM unnest(org_ids, deal_ids) AS k(org_id, deal_id)
      CROSS JOIN LATERAL (SELECT sh.pipeline_id, sh.at FROM stage_history sh WHERE sh.org_id = k.org_id AND sh.deal_id = k.deal_id) h
      GROUP BY 1, 2, 3
    ) e
    WHERE r.org_id = e.org_id AND r.deal_id = e.deal_id AND r.pipeline_id = e.pipeline_id AND r.entered_at IS DISTINCT FROM e.entered_at;
  END IF;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION crm_reach_of_history() RETURNS trigger LANGUAGE plpgsql AS $$
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
  PERFORM crm_recount_stays(array_agg(k.org_id), array_agg(k.deal_id)) FROM (SELECT DISTINCT org_id, deal_id FROM new_rows) k;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION crm_rebuild_reach() RETURNS void LANGUAGE plpgsql AS $$
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
  PERFORM crm_recount_stays(NULL, NULL);
  ALTER TABLE deal_stage_reach ENABLE TRIGGER USER;
  DELETE FROM deal_reach_totals;
  INSERT INTO deal_reach_totals (org_id, pipeline_id, stage_id, month, cur_pipeline_id, still_there, assigned_by_id, opened, currency, deals, amount)
  SELECT r.org_id, r.pipeline_id, r.stage_id, date_trunc('month', r.reached_at AT TIME ZONE o.timezone)::date, r.cur_pipeline_id, r.cur_stage_id = r.stage_id, r.assigned_by_id, r.opened, r.currency, count(*), sum(r.amount)
  FROM deal_stage_reach r JOIN orgs o ON o.id = r.org_id
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
END
$$;
--> statement-breakpoint
-- The backfill, before the indexes that read its columns; the stays change no monthly total, so
-- the ledger's triggers are left out.
ALTER TABLE deal_stage_reach DISABLE TRIGGER USER;
--> statement-breakpoint
SELECT crm_recount_stays(NULL, NULL);
--> statement-breakpoint
ALTER TABLE deal_stage_reach ENABLE TRIGGER USER;
--> statement-breakpoint
CREATE INDEX "deals_open_close_idx" ON "deals" USING btree ("org_id","close_date","pipeline_id","stage_id","assigned_by_id","opened","currency","amount","probability","id") WHERE "deals"."stage_semantics" = 'P';
--> statement-breakpoint
CREATE INDEX "deal_stage_reach_org_left_idx" ON "deal_stage_reach" USING btree ("org_id","left_at","pipeline_id","stage_id","cur_pipeline_id","cur_stage_id","assigned_by_id","opened","seconds_in") WHERE "deal_stage_reach"."left_at" is not null;
--> statement-breakpoint
CREATE INDEX "deal_stage_reach_org_stage_at_idx" ON "deal_stage_reach" USING btree ("org_id","stage_id","reached_at","deal_id","pipeline_id","cur_pipeline_id","cur_stage_id","assigned_by_id","opened","currency","amount","entered_at");
