CREATE TABLE "currency_rates" (
	"org_id" integer NOT NULL,
	"currency" char(3) NOT NULL,
	"rate" numeric(24, 10) NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "currency_rates_org_id_currency_pk" PRIMARY KEY("org_id","currency")
);
--> statement-breakpoint
CREATE TABLE "org_settings" (
	"org_id" integer NOT NULL,
	"key" text NOT NULL,
	"value" jsonb NOT NULL,
	CONSTRAINT "org_settings_org_id_key_pk" PRIMARY KEY("org_id","key")
);
--> statement-breakpoint
ALTER TABLE "stages" ADD COLUMN "rot_days" smallint;--> statement-breakpoint
ALTER TABLE "deals" ADD COLUMN "board_position" text DEFAULT 'a0' NOT NULL;--> statement-breakpoint
-- Existing deals get keys newest-first per stage (the same ranking as rankBoardPositions).
UPDATE "deals" SET "board_position" = 'd'
	|| substr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', ((ranked.n / 238328) % 62)::int + 1, 1)
	|| substr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', ((ranked.n / 3844) % 62)::int + 1, 1)
	|| substr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', ((ranked.n / 62) % 62)::int + 1, 1)
	|| substr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', (ranked.n % 62)::int + 1, 1)
FROM (SELECT id, row_number() OVER (PARTITION BY stage_id ORDER BY created_at DESC, id DESC) - 1 AS n FROM "deals") AS ranked
WHERE "deals".id = ranked.id;--> statement-breakpoint
ALTER TABLE "currency_rates" ADD CONSTRAINT "currency_rates_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_settings" ADD CONSTRAINT "org_settings_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deals_org_stage_position_idx" ON "deals" USING btree ("org_id","stage_id","board_position" collate "C","id");--> statement-breakpoint
CREATE INDEX "deals_org_stage_created_idx" ON "deals" USING btree ("org_id","stage_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);