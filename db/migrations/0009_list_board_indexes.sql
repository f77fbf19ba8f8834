DROP INDEX "deals_org_created_idx";--> statement-breakpoint
DROP INDEX "deals_org_stage_idx";--> statement-breakpoint
DROP INDEX "deals_org_updated_idx";--> statement-breakpoint
DROP INDEX "deals_org_stage_created_idx";--> statement-breakpoint
CREATE INDEX "deals_org_created_idx" ON "deals" USING btree ("org_id","created_at","id");--> statement-breakpoint
CREATE INDEX "deals_org_stage_idx" ON "deals" USING btree ("org_id","stage_id","id","pipeline_id","currency","amount","assigned_by_id","opened");--> statement-breakpoint
CREATE INDEX "deals_org_updated_idx" ON "deals" USING btree ("org_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "deals_org_stage_created_idx" ON "deals" USING btree ("org_id","stage_id","created_at","id");