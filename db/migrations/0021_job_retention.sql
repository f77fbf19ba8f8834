ALTER TABLE "deal_imports" ADD COLUMN "finished_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "bulk_operations_finished_idx" ON "bulk_operations" USING btree ("finished_at") WHERE "bulk_operations"."status" in ('done', 'failed');--> statement-breakpoint
CREATE INDEX "jobs_finished_idx" ON "jobs" USING btree ("finished_at") WHERE "jobs"."status" in ('done', 'failed');--> statement-breakpoint
CREATE INDEX "deal_imports_finished_idx" ON "deal_imports" USING btree ("finished_at") WHERE "deal_imports"."status" = 'done';--> statement-breakpoint
CREATE INDEX "deal_imports_uploaded_idx" ON "deal_imports" USING btree ("created_at") WHERE "deal_imports"."status" = 'uploaded';--> statement-breakpoint
-- Imports finished before finished_at existed: their upload time stands in for it.
UPDATE "deal_imports" SET "finished_at" = "created_at" WHERE "status" = 'done';
