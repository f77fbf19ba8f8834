CREATE TABLE "card_layouts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "card_layouts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"org_id" integer NOT NULL,
	"pipeline_id" integer NOT NULL,
	"user_id" integer,
	"layout" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "card_layouts" ADD CONSTRAINT "card_layouts_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_layouts" ADD CONSTRAINT "card_layouts_pipeline_id_pipelines_id_fk" FOREIGN KEY ("pipeline_id") REFERENCES "public"."pipelines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_layouts" ADD CONSTRAINT "card_layouts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "card_layouts_common_uq" ON "card_layouts" USING btree ("org_id","pipeline_id") WHERE "card_layouts"."user_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "card_layouts_personal_uq" ON "card_layouts" USING btree ("org_id","pipeline_id","user_id") WHERE "card_layouts"."user_id" is not null;