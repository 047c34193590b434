-- 0032_document_facts.sql: what a document says once it is made may not
-- change or leak (issue 22, item 7).
--
-- 1. Order numbers came from one sequence shared by every business, so a
--    business's order numbers told it how many orders the others took.
--    Orders now take their number from the business's own counter row in
--    doc_counters, the one mechanism invoices, bills and payments use
--    (doc_counter_take below: a locked row per tenant, kind and year).  The
--    format stays 'SO-2026-000123' (the calendar year, six digits).  Two
--    orders of one business created at once now wait on each other's
--    transaction for the number; orders of different businesses never do.
--    Existing orders keep their numbers: a business's first order of a year
--    under the counter continues after its own highest number of that year
--    (read once, when the counter row is made), so nothing is renumbered
--    and no number is taken twice.
--
-- 2. An issued invoice printed the seller as the business's settings are
--    now, so a later change of name, address or tax id rewrote documents
--    already sent.  The seller is fixed on the invoice when it is numbered
--    (in the issuing transaction); a draft has none and shows the settings;
--    invoices issued before this migration take the business's current
--    details, the best record there is.

-- ---- the counters ----

ALTER TABLE doc_counters DROP CONSTRAINT doc_counters_kind_check,
	ADD CONSTRAINT doc_counters_kind_check
	CHECK (kind IN ('invoice', 'credit_note', 'bill', 'payment', 'order'));

-- doc_counter_take: the next number of the caller's business for kind and
-- year, the row locked until the transaction ends (a rollback gives it
-- back).  A row made on first use starts after p_after; concurrent first
-- uses meet on the primary key and the loser takes the next one.
CREATE FUNCTION doc_counter_take(p_kind text, p_year int, p_after bigint DEFAULT 0)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
	tid uuid := bursar_tenant();
	n bigint;
BEGIN
	LOOP
		UPDATE doc_counters SET last = last + 1
		 WHERE tenant_id = tid AND kind = p_kind AND year = p_year
		RETURNING last INTO n;
		EXIT WHEN FOUND;
		BEGIN
			INSERT INTO doc_counters (tenant_id, kind, year, last)
			VALUES (tid, p_kind, p_year, p_after + 1);
			n := p_after + 1;
			EXIT;
		EXCEPTION WHEN unique_violation THEN
			-- another transaction made it first: take the next one
		END;
	END LOOP;
	RETURN n;
END $$;

-- doc_next_number: as 0009's, its counter now doc_counter_take
CREATE OR REPLACE FUNCTION doc_next_number(p_kind text, p_date date) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	tid uuid := bursar_tenant();
	fy int; prefix text; sm int;
BEGIN
	SELECT year_start_month INTO sm FROM books_settings WHERE tenant_id = tid;
	sm := coalesce(sm, 1);
	fy := extract(year FROM p_date)::int;
	IF extract(month FROM p_date)::int < sm THEN
		fy := fy - 1;
	END IF;
	SELECT CASE p_kind WHEN 'invoice' THEN invoice_prefix
	                   WHEN 'credit_note' THEN credit_note_prefix
	                   WHEN 'bill' THEN bill_prefix
	                   WHEN 'payment' THEN payment_prefix END
	  INTO prefix FROM commerce_settings WHERE tenant_id = tid;
	IF prefix IS NULL THEN
		RAISE EXCEPTION 'no numbering for %', p_kind USING ERRCODE = 'invalid_parameter_value';
	END IF;
	RETURN prefix || '-' || fy || '-' || lpad(doc_counter_take(p_kind, fy)::text, 5, '0');
END $$;

-- order_next_number: 'SO-2026-000123', from the business's own counter
CREATE OR REPLACE FUNCTION order_next_number(p_date date) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	tid uuid := bursar_tenant();
	y int := extract(year FROM coalesce(p_date, current_date))::int;
	prefix text; after bigint := 0;
BEGIN
	SELECT order_prefix INTO prefix FROM commerce_settings WHERE tenant_id = tid;
	IF prefix IS NULL THEN
		RAISE EXCEPTION 'no numbering for orders' USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF NOT EXISTS (SELECT 1 FROM doc_counters
	               WHERE tenant_id = tid AND kind = 'order' AND year = y) THEN
		-- the numbers this business already has for the year (whatever
		-- their prefix), which the shared sequence gave out
		SELECT coalesce(max(substring(number FROM '-([0-9]{1,18})$')::bigint), 0)
		  INTO after FROM orders
		 WHERE tenant_id = tid AND number ~ ('^[A-Z0-9]+-' || y || '-[0-9]{1,18}$');
	END IF;
	RETURN prefix || '-' || y || '-' || lpad(doc_counter_take('order', y, after)::text, 6, '0');
END $$;

REVOKE ALL ON FUNCTION doc_counter_take(text, int, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION doc_counter_take(text, int, bigint) TO bursar_app;
DROP SEQUENCE order_numbers;

-- ---- the seller on an issued invoice ----

ALTER TABLE invoices
	ADD COLUMN seller_name    text,	-- as tenants' name, address and tax_id
	ADD COLUMN seller_address text,
	ADD COLUMN seller_tax_id  text;

UPDATE invoices i SET seller_name = t.name, seller_address = t.address,
	seller_tax_id = t.tax_id
  FROM tenants t WHERE t.id = i.tenant_id AND i.number IS NOT NULL;

-- numbered (issued, whatever it has become since) if and only if its
-- seller is fixed
ALTER TABLE invoices ADD CONSTRAINT invoices_seller_fixed CHECK (
	(number IS NULL) = (seller_name IS NULL) AND
	(number IS NULL) = (seller_address IS NULL) AND
	(number IS NULL) = (seller_tax_id IS NULL));

-- once fixed, the seller never changes
CREATE FUNCTION invoices_seller_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF OLD.seller_name IS NOT NULL AND
	   (NEW.seller_name, NEW.seller_address, NEW.seller_tax_id) IS DISTINCT FROM
	   (OLD.seller_name, OLD.seller_address, OLD.seller_tax_id) THEN
		RAISE EXCEPTION 'invoice %: the seller of an issued invoice does not change', OLD.number
			USING ERRCODE = 'check_violation';
	END IF;
	RETURN NEW;
END $$;
CREATE TRIGGER invoices_seller_immutable
	BEFORE UPDATE OF seller_name, seller_address, seller_tax_id ON invoices
	FOR EACH ROW EXECUTE FUNCTION invoices_seller_immutable();
