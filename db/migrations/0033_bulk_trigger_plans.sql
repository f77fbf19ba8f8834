-- A deal's facts follow it onto its reach rows. The rows to change are found by comparing each
-- reach row with the deal's new facts, not by joining new_rows to old_rows: a trigger's plans are
-- cached from its first call in a connection, and a join of the two transition tables planned for
-- one row is a nested loop, quadratic when the same connection later moves ten thousand deals
-- (a bulk action after a few single moves ran for minutes). An update that changes none of the
-- facts still writes nothing.
CREATE OR REPLACE FUNCTION crm_reach_follow_deal() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE deal_stage_reach r
  SET cur_pipeline_id = n.pipeline_id, cur_stage_id = n.stage_id, assigned_by_id = n.assigned_by_id, opened = n.opened, currency = n.currency, amount = n.amount
  FROM new_rows n
  WHERE r.org_id = n.org_id AND r.deal_id = n.id
    AND (n.pipeline_id, n.stage_id, n.assigned_by_id, n.opened, n.currency, n.amount) IS DISTINCT FROM (r.cur_pipeline_id, r.cur_stage_id, r.assigned_by_id, r.opened, r.currency, r.amount);
  RETURN NULL;
END
$$;
--> statement-breakpoint
DROP TRIGGER deals_reach_updated ON deals;
--> statement-breakpoint
CREATE TRIGGER deals_reach_updated AFTER UPDATE ON deals REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION crm_reach_follow_deal();
