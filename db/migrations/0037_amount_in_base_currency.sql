DROP INDEX "deals_org_amount_idx";--> statement-breakpoint
ALTER TABLE "deals" ADD COLUMN "amount_base" numeric(20, 2);--> statement-breakpoint
-- A deal's amount in its org's base currency: the amount itself in the base currency, converted at
-- the org's rate otherwise, null where the currency has no rate. Kept on every insert and on every
-- change of the amount or the currency, whatever the path (form, board, bulk, import, robots, API).
CREATE FUNCTION crm_deal_amount_base() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.amount_base := CASE
    WHEN NEW.currency = (SELECT base_currency FROM orgs WHERE id = NEW.org_id) THEN NEW.amount
    ELSE round(NEW.amount * (SELECT rate FROM currency_rates WHERE org_id = NEW.org_id AND currency = NEW.currency), 2)
  END;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER deals_amount_base BEFORE INSERT OR UPDATE OF amount, currency, org_id ON deals
  FOR EACH ROW EXECUTE FUNCTION crm_deal_amount_base();
--> statement-breakpoint
-- A rate set, changed or removed converts again every deal of that org in that currency.
CREATE FUNCTION crm_rate_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed record;
BEGIN
  IF TG_OP = 'DELETE' THEN changed := OLD; ELSE changed := NEW; END IF;
  UPDATE deals SET amount_base = CASE
      WHEN deals.currency = o.base_currency THEN deals.amount
      ELSE round(deals.amount * (SELECT rate FROM currency_rates r WHERE r.org_id = changed.org_id AND r.currency = changed.currency), 2)
    END
  FROM orgs o
  WHERE o.id = deals.org_id AND deals.org_id = changed.org_id AND deals.currency = changed.currency;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER currency_rates_rebase AFTER INSERT OR UPDATE OF rate OR DELETE ON currency_rates
  FOR EACH ROW EXECUTE FUNCTION crm_rate_changed();
--> statement-breakpoint
-- The existing deals, converted once. Only amount_base changes, so the totals triggers (which would
-- compare a million old and new rows to find nothing changed) are switched off meanwhile.
ALTER TABLE deals DISABLE TRIGGER USER;--> statement-breakpoint
UPDATE deals d SET amount_base = CASE
    WHEN d.currency = o.base_currency THEN d.amount
    ELSE round(d.amount * (SELECT r.rate FROM currency_rates r WHERE r.org_id = d.org_id AND r.currency = d.currency), 2)
  END
FROM orgs o WHERE o.id = d.org_id;--> statement-breakpoint
ALTER TABLE deals ENABLE TRIGGER USER;--> statement-breakpoint
CREATE INDEX "deals_org_amount_base_idx" ON "deals" USING btree ("org_id",coalesce("amount_base", -1),"id");
