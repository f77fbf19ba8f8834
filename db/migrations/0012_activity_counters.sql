CREATE TABLE "notifications" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "notifications_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"org_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"kind" text NOT NULL,
	"deal_id" integer,
	"activity_id" integer,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "deal_events" ADD COLUMN "body" text;--> statement-breakpoint
ALTER TABLE "deals" ADD COLUMN "next_deadline" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "deals" ADD COLUMN "open_activities" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "deals" ADD COLUMN "incoming_open" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "reminders" integer[] DEFAULT '{}'::int[] NOT NULL;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "modified_by_id" integer;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_key_uq" ON "notifications" USING btree ("key");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("org_id","user_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "notifications_unread_idx" ON "notifications" USING btree ("org_id","user_id") WHERE "notifications"."read_at" is null;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_modified_by_id_users_id_fk" FOREIGN KEY ("modified_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deals_org_assigned_deadline_idx" ON "deals" USING btree ("org_id","assigned_by_id","next_deadline") WHERE "deals"."next_deadline" is not null;--> statement-breakpoint
CREATE INDEX "deals_org_assigned_idle_idx" ON "deals" USING btree ("org_id","assigned_by_id") WHERE "deals"."stage_semantics" = 'P' and "deals"."open_activities" = 0;--> statement-breakpoint
CREATE INDEX "deals_org_assigned_incoming_idx" ON "deals" USING btree ("org_id","assigned_by_id") WHERE "deals"."incoming_open" > 0;--> statement-breakpoint
-- A deal's activity summary, recomputed from its activities (never incremented, so it cannot drift).
CREATE FUNCTION crm_refresh_deal_activities(p_org integer, p_deal integer) RETURNS void LANGUAGE sql AS $$
  update deals d set next_deadline = s.next_deadline, open_activities = s.open, incoming_open = s.incoming
  from (
    select min(deadline) filter (where not completed) as next_deadline,
      count(*) filter (where not completed)::int as open,
      count(*) filter (where not completed and direction = 'incoming' and type in ('call', 'email'))::int as incoming
    from activities where org_id = p_org and deal_id = p_deal
  ) s
  where d.id = p_deal
    and (d.next_deadline is distinct from s.next_deadline or d.open_activities <> s.open or d.incoming_open <> s.incoming)
$$;
--> statement-breakpoint
CREATE FUNCTION crm_activities_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM crm_refresh_deal_activities(OLD.org_id, OLD.deal_id);
  END IF;
  IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.deal_id <> OLD.deal_id OR NEW.org_id <> OLD.org_id) THEN
    PERFORM crm_refresh_deal_activities(NEW.org_id, NEW.deal_id);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER activities_refresh_deal AFTER INSERT OR DELETE OR UPDATE OF deal_id, org_id, deadline, completed, direction, type
  ON activities FOR EACH ROW EXECUTE FUNCTION crm_activities_changed();
--> statement-breakpoint
UPDATE deals d SET next_deadline = s.next_deadline, open_activities = s.open, incoming_open = s.incoming
FROM (
  select org_id, deal_id, min(deadline) filter (where not completed) as next_deadline,
    count(*) filter (where not completed)::int as open,
    count(*) filter (where not completed and direction = 'incoming' and type in ('call', 'email'))::int as incoming
  from activities group by org_id, deal_id
) s
WHERE d.id = s.deal_id AND d.org_id = s.org_id AND (s.open > 0);
