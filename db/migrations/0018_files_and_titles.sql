ALTER TABLE "stored_files" ADD COLUMN "deal_id" integer;--> statement-breakpoint
CREATE INDEX "deals_org_title_fold_idx" ON "deals" USING btree ("org_id",translate(lower("title"), 'áàảãạăắằẳẵặâấầẩẫậđéèẻẽẹêếềểễệíìỉĩịóòỏõọôốồổỗộơớờởỡợúùủũụưứừửữựýỳỷỹỵ', 'aaaaaaaaaaaaaaaaadeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyy'));--> statement-breakpoint
-- Files already held: bound to the oldest deal holding them in their field (where another deal
-- took one by its number, the file stays with the deal that had it first).
UPDATE "stored_files" f SET "deal_id" = (
  SELECT min(d."id") FROM "deals" d
  WHERE d."org_id" = f."org_id" AND d."custom" ? f."field_code"
    AND (d."custom" -> f."field_code" = to_jsonb(f."id") OR d."custom" -> f."field_code" @> jsonb_build_array(f."id"))
);
