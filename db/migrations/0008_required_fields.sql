CREATE TABLE "stage_required_fields" (
	"org_id" integer NOT NULL,
	"stage_id" integer NOT NULL,
	"field" text NOT NULL,
	CONSTRAINT "stage_required_fields_stage_id_field_pk" PRIMARY KEY("stage_id","field")
);
--> statement-breakpoint
ALTER TABLE "stage_required_fields" ADD CONSTRAINT "stage_required_fields_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_required_fields" ADD CONSTRAINT "stage_required_fields_stage_id_stages_id_fk" FOREIGN KEY ("stage_id") REFERENCES "public"."stages"("id") ON DELETE cascade ON UPDATE no action;