CREATE TABLE "document_statuses" (
	"org_id" integer NOT NULL,
	"id" integer GENERATED ALWAYS AS IDENTITY (sequence name "document_statuses_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"semantics" text NOT NULL,
	"sort" integer NOT NULL,
	"color" text DEFAULT '#94a3b8' NOT NULL,
	CONSTRAINT "document_statuses_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
DROP INDEX "documents_unpaid_idx";--> statement-breakpoint
ALTER TABLE "document_statuses" ADD CONSTRAINT "document_statuses_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "documents_open_invoices_idx" ON "documents" USING btree ("org_id","responsible_id","due_on") WHERE "documents"."kind" = 'invoice' and "documents"."status" not in ('paid', 'cancelled');