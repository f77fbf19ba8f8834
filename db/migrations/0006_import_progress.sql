ALTER TABLE "deal_imports" ADD COLUMN "processed" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "deal_imports" ADD COLUMN "error" jsonb;