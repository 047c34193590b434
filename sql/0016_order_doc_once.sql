-- 0016_order_doc_once.sql: an order's JSON (sql/0015_order_doc.sql) built
-- once per request rather than after each of its changes.  Placing an
-- order with its invoice changed the order five times in one transaction
-- (drafted, placed, the invoice drafted, numbered, issued), and each
-- change built the JSON anew.  Now a change only marks it stale (doc =
-- NULL: lib/commerce/order.c in the statement that changes the order, the
-- trigger below when its invoice changes); the answer to the request
-- builds and keeps it when it reads the order (cgi-bin/orders.c), and a
-- deferred trigger builds at commit what no answer read.  So the JSON
-- kept is never stale once the transaction commits, and is built once.

-- orders_invoice_changed (replaces 0015's): the order's JSON is stale
CREATE OR REPLACE FUNCTION orders_invoice_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	UPDATE orders SET doc = NULL WHERE id = CASE TG_OP WHEN 'DELETE' THEN
		OLD.order_id ELSE NEW.order_id END AND doc IS NOT NULL;
	RETURN NULL;
END $$;

-- orders_doc_fill: at commit, the JSON of an order left stale, built once
-- (the first of its queued events builds it, the others find it built);
-- an order that order_doc cannot show (none) is left as it is, so that
-- filling never queues another event
CREATE FUNCTION orders_doc_fill() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE d json;
BEGIN
	PERFORM 1 FROM orders WHERE id = NEW.id AND doc IS NULL;
	IF FOUND THEN
		d := order_doc(NEW.id, false);
		IF d IS NOT NULL THEN
			UPDATE orders SET doc = d WHERE id = NEW.id;
		END IF;
	END IF;
	RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER orders_doc_fill AFTER INSERT OR UPDATE ON orders
	DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.doc IS NULL)
	EXECUTE FUNCTION orders_doc_fill();
