-- 0015_order_doc.sql: an order as the API shows it, kept with the order.
-- GET /api/v1/orders/{id} is the most read route of the trade desk; the
-- order, its lines, taxes and invoice are rendered to JSON once when they
-- change (lib/order after each change, and the trigger below when the
-- order's invoice changes) rather than on every read.  What may change
-- without the order (the customer's name) is joined when it is read.
-- A line's SKU and unit are the product's when the order was last
-- changed, as on the paper it was printed on.

-- order_doc: the order p_id as JSON (all but its customer's name and code
-- and what the caller may do); amounts as {"amount","currency"}, or for a
-- page (p_page) as exact decimal text.  plpgsql so its plan is kept.
CREATE FUNCTION order_doc(p_id uuid, p_page boolean) RETURNS json
LANGUAGE plpgsql STABLE AS $$
BEGIN
	RETURN (SELECT json_build_object('id', o.id, 'number', o.number,
		'status', o.status, 'party_id', o.party_id, 'currency', o.currency,
		'location', l.code, 'location_id', o.location_id,
		'order_date', o.order_date, 'reference', o.reference, 'notes', o.notes,
		'net', order_money(o.net, o.currency, cu.minor_units, p_page),
		'tax', order_money(o.tax, o.currency, cu.minor_units, p_page),
		'total', order_money(o.total, o.currency, cu.minor_units, p_page),
		'invoice_id', i.id, 'invoice_number', i.number,
		'invoice_status', i.status,
		'created_at', order_stamp(o.created_at),
		'placed_at', order_stamp(o.placed_at),
		'shipped_at', order_stamp(o.shipped_at),
		'completed_at', order_stamp(o.completed_at),
		'cancelled_at', order_stamp(o.cancelled_at),
		'lines', coalesce((SELECT json_agg(json_build_object(
			'line', ol.line_no, 'product_id', ol.product_id, 'sku', pr.sku,
			'description', ol.description, 'quantity', ol.quantity,
			'unit_price', order_money(ol.unit_price, o.currency,
				cu.minor_units, p_page),
			'discount_ppm', ol.discount_ppm,
			'discount', trim_scale(ol.discount_ppm / 10000.0)::text,
			'tax_group', ol.tax_group,
			'net', order_money(ol.net, o.currency, cu.minor_units, p_page),
			'tax', order_money(ol.tax, o.currency, cu.minor_units, p_page),
			'total', order_money(ol.total, o.currency, cu.minor_units, p_page),
			-- a placed order holds every tracked line (lib/order, lib/stock)
			'reserved', CASE WHEN o.status = 'placed' AND pr.tracked
				THEN ol.quantity ELSE 0 END,
			'unit', pr.unit) ORDER BY ol.line_no)
			FROM order_lines ol
			JOIN products pr ON pr.tenant_id = ol.tenant_id AND pr.id = ol.product_id
			WHERE ol.tenant_id = o.tenant_id AND ol.order_id = o.id), '[]'),
		'taxes', coalesce((SELECT json_agg(json_build_object(
			'rate_code', t.rate_code, 'name', t.name, 'account', t.account,
			'tax', order_money(t.tax, o.currency, cu.minor_units, p_page))
			ORDER BY t.account, t.rate_code)
			FROM document_taxes t
			WHERE t.tenant_id = o.tenant_id AND t.doc_type = 'order'
			  AND t.doc_id = o.id), '[]'))
	FROM orders o
	JOIN currencies cu ON cu.code = o.currency
	JOIN locations l ON l.tenant_id = o.tenant_id AND l.id = o.location_id
	LEFT JOIN invoices i ON i.tenant_id = o.tenant_id AND i.order_id = o.id
		AND i.kind = 'invoice' AND i.status <> 'void'
	WHERE o.id = p_id);
END $$;

-- order_money: minor units of a currency as the API writes them, or as a
-- page shows them (exact decimal text, never a float)
CREATE FUNCTION order_money(p_minor bigint, p_currency text, p_digits int,
	p_page boolean) RETURNS json LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN p_page
		THEN to_json(round(p_minor::numeric / power(10::numeric, p_digits),
			p_digits)::text)
		ELSE json_build_object('amount', p_minor, 'currency', p_currency) END
$$;

CREATE FUNCTION order_stamp(p_at timestamptz) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
	SELECT to_char(p_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
$$;

ALTER TABLE orders ADD COLUMN doc json;

-- order_doc_refresh: the order's stored JSON made anew
CREATE FUNCTION order_doc_refresh(p_id uuid) RETURNS void
LANGUAGE sql AS $$
	UPDATE orders SET doc = order_doc(p_id, false) WHERE id = p_id
$$;

-- an order's invoice drafted, issued, paid, overdue, voided or deleted
-- changes what the order shows
CREATE FUNCTION orders_invoice_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	PERFORM order_doc_refresh(CASE TG_OP WHEN 'DELETE' THEN OLD.order_id
		ELSE NEW.order_id END);
	RETURN NULL;
END $$;

CREATE TRIGGER orders_invoice_changed AFTER INSERT OR UPDATE OF number, status
	ON invoices FOR EACH ROW
	WHEN (NEW.order_id IS NOT NULL AND NEW.kind = 'invoice')
	EXECUTE FUNCTION orders_invoice_changed();
CREATE TRIGGER orders_invoice_deleted AFTER DELETE ON invoices FOR EACH ROW
	WHEN (OLD.order_id IS NOT NULL AND OLD.kind = 'invoice')
	EXECUTE FUNCTION orders_invoice_changed();

GRANT EXECUTE ON FUNCTION order_doc(uuid, boolean), order_doc_refresh(uuid),
	order_money(bigint, text, int, boolean), order_stamp(timestamptz)
	TO bursar_app;

UPDATE orders SET doc = order_doc(id, false);
