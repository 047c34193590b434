-- 0011_stock.sql: what lib/stock and the inventory program need beyond
-- the commerce schema.

-- stock_movements_apply, again: the first version wrote every movement as
-- INSERT ... ON CONFLICT DO UPDATE, and PostgreSQL checks the row it
-- proposes to insert before it finds the conflict, so any movement out
-- (qty < 0) of an existing level broke the level's checks.  Now the level
-- is updated in place, and only a level seen for the first time is
-- inserted (a movement out of a level that does not exist still fails its
-- check, as it should: nothing is there to take).
CREATE OR REPLACE FUNCTION stock_movements_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE stock_levels SET on_hand = on_hand + NEW.qty
	WHERE tenant_id = NEW.tenant_id AND product_id = NEW.product_id
	  AND location_id = NEW.location_id;
	IF NOT FOUND THEN
		INSERT INTO stock_levels AS l (tenant_id, product_id, location_id, on_hand)
		VALUES (NEW.tenant_id, NEW.product_id, NEW.location_id, NEW.qty)
		ON CONFLICT (tenant_id, product_id, location_id)
		DO UPDATE SET on_hand = l.on_hand + NEW.qty;
	END IF;
	RETURN NEW;
END $$;

-- the lists' orders: movements newest first, reservations newest first
CREATE INDEX stock_movements_seq ON stock_movements (tenant_id, seq DESC);
CREATE INDEX stock_reservations_list ON stock_reservations (tenant_id, created_at DESC, id DESC);
