CREATE TABLE "product_sections" (
	"org_id" integer NOT NULL,
	"id" integer GENERATED ALWAYS AS IDENTITY (sequence name "product_sections_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	CONSTRAINT "product_sections_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "section_id" integer;--> statement-breakpoint
ALTER TABLE "product_sections" ADD CONSTRAINT "product_sections_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "product_sections_org_name_uq" ON "product_sections" USING btree ("org_id",lower("name"));--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_section_fk" FOREIGN KEY ("org_id","section_id") REFERENCES "public"."product_sections"("org_id","id") ON DELETE no action ON UPDATE no action;