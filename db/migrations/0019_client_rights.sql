ALTER TABLE "roles" ADD COLUMN "client_rights" jsonb DEFAULT '{"add":true,"details":true}'::jsonb NOT NULL;--> statement-breakpoint
-- Existing roles keep what their deal rules implied: a role that may add deals nowhere may not
-- create companies or contacts either; one that may read no deal sees no phone or e-mail.
UPDATE "roles" r SET "client_rights" = jsonb_build_object(
  'add', EXISTS (SELECT 1 FROM "role_permissions" p WHERE p."role_id" = r."id" AND (p."settings" -> 'levels' ->> 'ADD' <> 'none'
    OR EXISTS (SELECT 1 FROM jsonb_each(p."settings" -> 'stageLevels') s WHERE s.value ->> 'ADD' IS NOT NULL AND s.value ->> 'ADD' <> 'none'))),
  'details', EXISTS (SELECT 1 FROM "role_permissions" p WHERE p."role_id" = r."id" AND (p."settings" -> 'levels' ->> 'READ' <> 'none'
    OR EXISTS (SELECT 1 FROM jsonb_each(p."settings" -> 'stageLevels') s WHERE s.value ->> 'READ' IS NOT NULL AND s.value ->> 'READ' <> 'none')))
);
