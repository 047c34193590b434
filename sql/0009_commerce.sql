-- 0009_commerce.sql: the daily trade of the business.  Parties (customers
-- and suppliers), products and their prices, stock per location with
-- append-only movements and reservations, sales orders, invoices and
-- credit notes, supplier bills, payments and their allocations.
--
-- The invariants that must never break are the database's: stock on hand
-- and reserved are never negative and nothing is reserved beyond what is
-- on hand; a movement is never edited; a document's number is unique per
-- tenant and handed out from a counter row that the issuing transaction
-- locks, so numbers have no gaps; an allocation never exceeds what its
-- payment or its document has left.  The workflows (lib/stock, lib/order,
-- lib/invoice, lib/bill, lib/payment) post to the books through
-- lib/ledger and emit their events in the same transaction.
--
-- Quantities are whole units of the product's unit (a product sold by
-- weight is counted in grams or kilograms); money is integer minor units
-- of the document's currency, as everywhere.

-- a business's trading choices
CREATE TABLE commerce_settings (
	tenant_id          uuid PRIMARY KEY REFERENCES tenants (id),
	-- an order's invoice is drafted and issued when it is placed, when it
	-- ships, or never by itself (invoiced by hand)
	invoice_on         text NOT NULL DEFAULT 'ship' CHECK (invoice_on IN ('place', 'ship', 'manual')),
	default_terms_days int  NOT NULL DEFAULT 30 CHECK (default_terms_days BETWEEN 0 AND 365),
	invoice_prefix     text NOT NULL DEFAULT 'INV' CHECK (invoice_prefix ~ '^[A-Z0-9]{1,8}$'),
	credit_note_prefix text NOT NULL DEFAULT 'CN' CHECK (credit_note_prefix ~ '^[A-Z0-9]{1,8}$'),
	order_prefix       text NOT NULL DEFAULT 'SO' CHECK (order_prefix ~ '^[A-Z0-9]{1,8}$'),
	bill_prefix        text NOT NULL DEFAULT 'BILL' CHECK (bill_prefix ~ '^[A-Z0-9]{1,8}$'),
	payment_prefix     text NOT NULL DEFAULT 'PAY' CHECK (payment_prefix ~ '^[A-Z0-9]{1,8}$'),
	-- printed on every invoice: bank, account, IFSC/IBAN, UPI id ...
	payment_instructions text NOT NULL DEFAULT '' CHECK (length(payment_instructions) <= 2000)
);

-- doc_counters: one row per tenant, kind and financial year.  Issuing a
-- document takes the next number with UPDATE ... RETURNING, which locks
-- the row until the transaction ends: a rollback gives the number back,
-- so the numbers that exist have no gaps.
CREATE TABLE doc_counters (
	tenant_id uuid   NOT NULL REFERENCES tenants (id),
	kind      text   NOT NULL CHECK (kind IN ('invoice', 'credit_note', 'bill', 'payment')),
	year      int    NOT NULL CHECK (year BETWEEN 1900 AND 9999),
	last      bigint NOT NULL DEFAULT 0 CHECK (last >= 0),
	PRIMARY KEY (tenant_id, kind, year)
);

-- doc_next_number: 'INV-2026-00001'.  The year is the calendar year in
-- which the document's financial year starts.  The counter row is created
-- on first use; concurrent first uses meet on the primary key and the
-- loser retries the update.
CREATE FUNCTION doc_next_number(p_kind text, p_date date) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	tid uuid := bursar_tenant();
	fy int; n bigint; prefix text; sm int;
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
	LOOP
		UPDATE doc_counters SET last = last + 1
		 WHERE tenant_id = tid AND kind = p_kind AND year = fy
		RETURNING last INTO n;
		EXIT WHEN FOUND;
		BEGIN
			INSERT INTO doc_counters (tenant_id, kind, year, last) VALUES (tid, p_kind, fy, 1);
			n := 1;
			EXIT;
		EXCEPTION WHEN unique_violation THEN
			-- another transaction created it first: take the next one
		END;
	END LOOP;
	RETURN prefix || '-' || fy || '-' || lpad(n::text, 5, '0');
END $$;

CREATE TABLE parties (
	tenant_id    uuid    NOT NULL REFERENCES tenants (id),
	id           uuid    NOT NULL DEFAULT gen_random_uuid(),
	code         text    NOT NULL CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$'),
	name         text    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	is_customer  boolean NOT NULL DEFAULT false,
	is_supplier  boolean NOT NULL DEFAULT false,
	email        text    NOT NULL DEFAULT '' CHECK (length(email) <= 254),
	phone        text    NOT NULL DEFAULT '' CHECK (length(phone) <= 40),
	tax_id       text    NOT NULL DEFAULT '' CHECK (length(tax_id) <= 40),	-- GSTIN, VAT number
	currency     char(3) NOT NULL REFERENCES currencies (code),
	terms_days   int     NOT NULL DEFAULT 30 CHECK (terms_days BETWEEN 0 AND 365),
	credit_limit bigint  CHECK (credit_limit >= 0),	-- minor units of currency; NULL: none
	notes        text    NOT NULL DEFAULT '' CHECK (length(notes) <= 4000),
	archived     boolean NOT NULL DEFAULT false,
	created_at   timestamptz NOT NULL DEFAULT now(),
	updated_at   timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (tenant_id, id),
	UNIQUE (tenant_id, code),
	CHECK (is_customer OR is_supplier)
);
CREATE INDEX parties_name ON parties (tenant_id, lower(name), id);

CREATE TABLE party_contacts (
	tenant_id  uuid    NOT NULL,
	id         uuid    NOT NULL DEFAULT gen_random_uuid(),
	party_id   uuid    NOT NULL,
	name       text    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	role       text    NOT NULL DEFAULT '' CHECK (length(role) <= 100),
	email      text    NOT NULL DEFAULT '' CHECK (length(email) <= 254),
	phone      text    NOT NULL DEFAULT '' CHECK (length(phone) <= 40),
	is_primary boolean NOT NULL DEFAULT false,
	PRIMARY KEY (tenant_id, id),
	FOREIGN KEY (tenant_id, party_id) REFERENCES parties (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX party_contacts_party ON party_contacts (tenant_id, party_id);

CREATE TABLE party_addresses (
	tenant_id   uuid    NOT NULL,
	id          uuid    NOT NULL DEFAULT gen_random_uuid(),
	party_id    uuid    NOT NULL,
	kind        text    NOT NULL CHECK (kind IN ('billing', 'shipping')),
	line1       text    NOT NULL CHECK (length(line1) BETWEEN 1 AND 200),
	line2       text    NOT NULL DEFAULT '' CHECK (length(line2) <= 200),
	city        text    NOT NULL DEFAULT '' CHECK (length(city) <= 100),
	region      text    NOT NULL DEFAULT '' CHECK (length(region) <= 100),	-- state: decides CGST+SGST or IGST
	postal_code text    NOT NULL DEFAULT '' CHECK (length(postal_code) <= 20),
	country     char(2) NOT NULL DEFAULT 'IN' CHECK (country ~ '^[A-Z]{2}$'),
	is_default  boolean NOT NULL DEFAULT false,
	PRIMARY KEY (tenant_id, id),
	FOREIGN KEY (tenant_id, party_id) REFERENCES parties (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX party_addresses_party ON party_addresses (tenant_id, party_id);

-- the journal's party column now points at a party of the same business
ALTER TABLE journal_lines ADD FOREIGN KEY (tenant_id, party_id) REFERENCES parties (tenant_id, id);

CREATE TABLE product_categories (
	tenant_id uuid NOT NULL REFERENCES tenants (id),
	id        uuid NOT NULL DEFAULT gen_random_uuid(),
	name      text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
	PRIMARY KEY (tenant_id, id),
	UNIQUE (tenant_id, name)
);

CREATE TABLE products (
	tenant_id     uuid    NOT NULL REFERENCES tenants (id),
	id            uuid    NOT NULL DEFAULT gen_random_uuid(),
	sku           text    NOT NULL CHECK (sku ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$'),
	name          text    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	description   text    NOT NULL DEFAULT '' CHECK (length(description) <= 4000),
	unit          text    NOT NULL DEFAULT 'each' CHECK (length(unit) BETWEEN 1 AND 20),
	tracked       boolean NOT NULL DEFAULT true,	-- false: a service, no stock
	category_id   uuid,
	tax_group     text,	-- a tax group's code; NULL: untaxed
	reorder_level bigint  NOT NULL DEFAULT 0 CHECK (reorder_level >= 0),
	archived      boolean NOT NULL DEFAULT false,
	created_at    timestamptz NOT NULL DEFAULT now(),
	updated_at    timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (tenant_id, id),
	UNIQUE (tenant_id, sku),
	FOREIGN KEY (tenant_id, category_id) REFERENCES product_categories (tenant_id, id),
	FOREIGN KEY (tenant_id, tax_group) REFERENCES tax_groups (tenant_id, code) ON UPDATE CASCADE
);
CREATE INDEX products_name ON products (tenant_id, lower(name), id);

-- a product's selling price in each currency it is sold in
CREATE TABLE product_prices (
	tenant_id  uuid    NOT NULL,
	product_id uuid    NOT NULL,
	currency   char(3) NOT NULL REFERENCES currencies (code),
	unit_price bigint  NOT NULL CHECK (unit_price >= 0),
	PRIMARY KEY (tenant_id, product_id, currency),
	FOREIGN KEY (tenant_id, product_id) REFERENCES products (tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE locations (
	tenant_id uuid    NOT NULL REFERENCES tenants (id),
	id        uuid    NOT NULL DEFAULT gen_random_uuid(),
	code      text    NOT NULL CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,19}$'),
	name      text    NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
	archived  boolean NOT NULL DEFAULT false,
	PRIMARY KEY (tenant_id, id),
	UNIQUE (tenant_id, code)
);

-- stock_levels: the running state of one product at one location.  Only
-- the movement trigger changes on_hand; reservations change reserved.
-- The checks are the rule: never negative, never reserved past on hand.
CREATE TABLE stock_levels (
	tenant_id   uuid   NOT NULL,
	product_id  uuid   NOT NULL,
	location_id uuid   NOT NULL,
	on_hand     bigint NOT NULL DEFAULT 0 CHECK (on_hand >= 0),
	reserved    bigint NOT NULL DEFAULT 0 CHECK (reserved >= 0),
	PRIMARY KEY (tenant_id, product_id, location_id),
	CHECK (reserved <= on_hand),
	FOREIGN KEY (tenant_id, product_id) REFERENCES products (tenant_id, id),
	FOREIGN KEY (tenant_id, location_id) REFERENCES locations (tenant_id, id)
);

-- stock_valuation: moving average cost over all locations of a product.
-- value is in base-currency minor units; the average is value / qty, and
-- an issue of n units takes round(value * n / qty) out, so the value left
-- is always exactly what the remaining units carry.
CREATE TABLE stock_valuation (
	tenant_id  uuid   NOT NULL,
	product_id uuid   NOT NULL,
	qty        bigint NOT NULL DEFAULT 0 CHECK (qty >= 0),
	value      bigint NOT NULL DEFAULT 0 CHECK (value >= 0),
	PRIMARY KEY (tenant_id, product_id),
	CHECK (qty > 0 OR value = 0),
	FOREIGN KEY (tenant_id, product_id) REFERENCES products (tenant_id, id)
);

CREATE TABLE stock_movements (
	tenant_id   uuid   NOT NULL,
	id          uuid   NOT NULL DEFAULT gen_random_uuid(),
	seq         bigint GENERATED ALWAYS AS IDENTITY,
	product_id  uuid   NOT NULL,
	location_id uuid   NOT NULL,
	kind        text   NOT NULL CHECK (kind IN ('receipt', 'adjustment', 'transfer_out',
	                                            'transfer_in', 'shipment', 'return')),
	qty         bigint NOT NULL CHECK (qty <> 0),	-- signed: in > 0, out < 0
	value       bigint NOT NULL DEFAULT 0,	-- signed base minor units moved in or out
	source_type text,	-- 'order', 'bill', 'transfer', 'manual', ...
	source_id   uuid,
	memo        text   NOT NULL DEFAULT '' CHECK (length(memo) <= 500),
	created_by  uuid,
	created_at  timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (tenant_id, id),
	FOREIGN KEY (tenant_id, product_id) REFERENCES products (tenant_id, id),
	FOREIGN KEY (tenant_id, location_id) REFERENCES locations (tenant_id, id)
);
CREATE INDEX stock_movements_product ON stock_movements (tenant_id, product_id, seq);
CREATE INDEX stock_movements_source ON stock_movements (tenant_id, source_type, source_id);

-- a movement moves on_hand (creating the level row on first use); the
-- level's check refuses one that would go below zero or below reserved
CREATE FUNCTION stock_movements_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO stock_levels AS l (tenant_id, product_id, location_id, on_hand)
	VALUES (NEW.tenant_id, NEW.product_id, NEW.location_id, NEW.qty)
	ON CONFLICT (tenant_id, product_id, location_id)
	DO UPDATE SET on_hand = l.on_hand + NEW.qty;
	RETURN NEW;
END $$;
CREATE TRIGGER stock_movements_apply AFTER INSERT ON stock_movements
	FOR EACH ROW EXECUTE FUNCTION stock_movements_apply();

CREATE FUNCTION commerce_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION '% rows are never changed or deleted', TG_TABLE_NAME
		USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER stock_movements_immutable BEFORE UPDATE OR DELETE ON stock_movements
	FOR EACH ROW EXECUTE FUNCTION commerce_immutable();

-- order numbers are unique but need no gapless run: they come from one
-- sequence, so creating an order never waits on another's transaction
CREATE SEQUENCE order_numbers;

-- order_next_number: 'SO-2026-000123'
CREATE FUNCTION order_next_number(p_date date) RETURNS text LANGUAGE sql AS $$
	SELECT s.order_prefix || '-' || extract(year FROM p_date)::int || '-'
	    || lpad(nextval('order_numbers')::text, 6, '0')
	FROM commerce_settings s WHERE s.tenant_id = bursar_tenant()
$$;

CREATE TABLE orders (
	tenant_id    uuid    NOT NULL REFERENCES tenants (id),
	id           uuid    NOT NULL DEFAULT gen_random_uuid(),
	number       text    NOT NULL,
	party_id     uuid    NOT NULL,
	location_id  uuid    NOT NULL,	-- where its stock is reserved and shipped from
	currency     char(3) NOT NULL REFERENCES currencies (code),
	status       text    NOT NULL DEFAULT 'draft'
	             CHECK (status IN ('draft', 'placed', 'shipped', 'completed', 'cancelled')),
	order_date   date    NOT NULL DEFAULT current_date,
	reference    text    NOT NULL DEFAULT '' CHECK (length(reference) <= 100),	-- the customer's PO
	notes        text    NOT NULL DEFAULT '' CHECK (length(notes) <= 4000),
	net          bigint  NOT NULL DEFAULT 0,
	tax          bigint  NOT NULL DEFAULT 0,
	total        bigint  NOT NULL DEFAULT 0,
	created_by   uuid,
	created_at   timestamptz NOT NULL DEFAULT now(),
	placed_at    timestamptz,
	shipped_at   timestamptz,
	completed_at timestamptz,
	cancelled_at timestamptz,
	PRIMARY KEY (tenant_id, id),
	UNIQUE (tenant_id, number),
	FOREIGN KEY (tenant_id, party_id) REFERENCES parties (tenant_id, id),
	FOREIGN KEY (tenant_id, location_id) REFERENCES locations (tenant_id, id),
	CHECK (total = net + tax)
);
CREATE INDEX orders_list ON orders (tenant_id, created_at DESC, id DESC);
CREATE INDEX orders_party ON orders (tenant_id, party_id);

CREATE TABLE order_lines (
	tenant_id    uuid   NOT NULL,
	order_id     uuid   NOT NULL,
	line_no      int    NOT NULL CHECK (line_no BETWEEN 1 AND 1000),
	product_id   uuid   NOT NULL,
	description  text   NOT NULL CHECK (length(description) BETWEEN 1 AND 500),
	quantity     bigint NOT NULL CHECK (quantity > 0),
	unit_price   bigint NOT NULL CHECK (unit_price >= 0),
	discount_ppm int    NOT NULL DEFAULT 0 CHECK (discount_ppm BETWEEN 0 AND 1000000),
	tax_group    text,
	net          bigint NOT NULL,
	tax          bigint NOT NULL,
	total        bigint NOT NULL,
	PRIMARY KEY (tenant_id, order_id, line_no),
	FOREIGN KEY (tenant_id, order_id) REFERENCES orders (tenant_id, id) ON DELETE CASCADE,
	FOREIGN KEY (tenant_id, product_id) REFERENCES products (tenant_id, id),
	CHECK (total = net + tax)
);

-- stock held for an order line (or for an API caller with no order) at a
-- location, until it ships or is released
CREATE TABLE stock_reservations (
	tenant_id   uuid   NOT NULL,
	id          uuid   NOT NULL DEFAULT gen_random_uuid(),
	product_id  uuid   NOT NULL,
	location_id uuid   NOT NULL,
	qty         bigint NOT NULL CHECK (qty > 0),
	order_id    uuid,
	line_no     int,
	reference   text   NOT NULL DEFAULT '' CHECK (length(reference) <= 100),
	status      text   NOT NULL DEFAULT 'held' CHECK (status IN ('held', 'released', 'shipped')),
	created_by  uuid,
	created_at  timestamptz NOT NULL DEFAULT now(),
	ended_at    timestamptz,
	PRIMARY KEY (tenant_id, id),
	FOREIGN KEY (tenant_id, product_id, location_id)
		REFERENCES stock_levels (tenant_id, product_id, location_id),
	FOREIGN KEY (tenant_id, order_id) REFERENCES orders (tenant_id, id)
);
CREATE INDEX stock_reservations_order ON stock_reservations (tenant_id, order_id);
CREATE INDEX stock_reservations_held ON stock_reservations (tenant_id, product_id)
	WHERE status = 'held';

-- invoices and credit notes share one table: a credit note is a sales
-- document that takes back (part of) an invoice
CREATE TABLE invoices (
	tenant_id    uuid    NOT NULL REFERENCES tenants (id),
	id           uuid    NOT NULL DEFAULT gen_random_uuid(),
	kind         text    NOT NULL DEFAULT 'invoice' CHECK (kind IN ('invoice', 'credit_note')),
	number       text,	-- assigned when issued
	party_id     uuid    NOT NULL,
	currency     char(3) NOT NULL REFERENCES currencies (code),
	status       text    NOT NULL DEFAULT 'draft'
	             CHECK (status IN ('draft', 'issued', 'partially_paid', 'paid', 'overdue', 'void')),
	issue_date   date,
	due_date     date,
	order_id     uuid,
	credit_of    uuid,	-- a credit note: the invoice it credits
	reference    text    NOT NULL DEFAULT '' CHECK (length(reference) <= 100),
	notes        text    NOT NULL DEFAULT '' CHECK (length(notes) <= 4000),
	billing_address text NOT NULL DEFAULT '' CHECK (length(billing_address) <= 1000),
	net          bigint  NOT NULL DEFAULT 0,
	tax          bigint  NOT NULL DEFAULT 0,
	total        bigint  NOT NULL DEFAULT 0,
	-- settled so far: payments and credit notes allocated to it (for a
	-- credit note: how much of it has been applied or refunded)
	paid         bigint  NOT NULL DEFAULT 0 CHECK (paid >= 0),
	entry_id     uuid,	-- the journal entry its issue posted
	void_entry_id uuid,	-- the reversal that voided it
	created_by   uuid,
	created_at   timestamptz NOT NULL DEFAULT now(),
	issued_at    timestamptz,
	voided_at    timestamptz,
	PRIMARY KEY (tenant_id, id),
	UNIQUE (tenant_id, number),
	FOREIGN KEY (tenant_id, party_id) REFERENCES parties (tenant_id, id),
	FOREIGN KEY (tenant_id, order_id) REFERENCES orders (tenant_id, id),
	FOREIGN KEY (tenant_id, credit_of) REFERENCES invoices (tenant_id, id),
	FOREIGN KEY (tenant_id, entry_id) REFERENCES journal_entries (tenant_id, id),
	FOREIGN KEY (tenant_id, void_entry_id) REFERENCES journal_entries (tenant_id, id),
	CHECK (total = net + tax),
	CHECK (paid <= total),
	CHECK ((status = 'draft') = (number IS NULL)),
	CHECK (kind = 'invoice' OR credit_of IS NOT NULL)
);
CREATE INDEX invoices_list ON invoices (tenant_id, created_at DESC, id DESC);
CREATE INDEX invoices_party ON invoices (tenant_id, party_id);
CREATE INDEX invoices_due ON invoices (tenant_id, due_date) WHERE status IN ('issued', 'partially_paid');
CREATE UNIQUE INDEX invoices_one_per_order ON invoices (tenant_id, order_id)
	WHERE order_id IS NOT NULL AND kind = 'invoice' AND status <> 'void';

-- generic lines: from an order, time billing or a trade contract, or typed
CREATE TABLE invoice_lines (
	tenant_id    uuid   NOT NULL,
	invoice_id   uuid   NOT NULL,
	line_no      int    NOT NULL CHECK (line_no BETWEEN 1 AND 1000),
	product_id   uuid,
	description  text   NOT NULL CHECK (length(description) BETWEEN 1 AND 500),
	quantity     bigint NOT NULL CHECK (quantity > 0),
	unit         text   NOT NULL DEFAULT '',
	unit_price   bigint NOT NULL CHECK (unit_price >= 0),
	discount_ppm int    NOT NULL DEFAULT 0 CHECK (discount_ppm BETWEEN 0 AND 1000000),
	tax_group    text,
	account      text   NOT NULL DEFAULT '@sales',	-- income account: a code or '@role'
	net          bigint NOT NULL,
	tax          bigint NOT NULL,
	total        bigint NOT NULL,
	source_type  text,	-- 'order', 'time', 'contract', ...
	source_id    uuid,
	PRIMARY KEY (tenant_id, invoice_id, line_no),
	FOREIGN KEY (tenant_id, invoice_id) REFERENCES invoices (tenant_id, id) ON DELETE CASCADE,
	FOREIGN KEY (tenant_id, product_id) REFERENCES products (tenant_id, id),
	CHECK (total = net + tax)
);

-- a document's tax by component, as computed when it was last saved
CREATE TABLE document_taxes (
	tenant_id   uuid   NOT NULL,
	doc_type    text   NOT NULL CHECK (doc_type IN ('order', 'invoice', 'bill')),
	doc_id      uuid   NOT NULL,
	rate_code   text   NOT NULL,
	name        text   NOT NULL,
	account     text   NOT NULL,
	tax         bigint NOT NULL,
	PRIMARY KEY (tenant_id, doc_type, doc_id, rate_code)
);

CREATE TABLE bills (
	tenant_id    uuid    NOT NULL REFERENCES tenants (id),
	id           uuid    NOT NULL DEFAULT gen_random_uuid(),
	number       text,	-- ours, assigned when received
	supplier_ref text    NOT NULL DEFAULT '' CHECK (length(supplier_ref) <= 100),	-- theirs
	party_id     uuid    NOT NULL,
	currency     char(3) NOT NULL REFERENCES currencies (code),
	status       text    NOT NULL DEFAULT 'draft'
	             CHECK (status IN ('draft', 'received', 'partially_paid', 'paid', 'overdue', 'void')),
	bill_date    date    NOT NULL DEFAULT current_date,
	due_date     date,
	location_id  uuid,	-- where stock lines are received
	notes        text    NOT NULL DEFAULT '' CHECK (length(notes) <= 4000),
	net          bigint  NOT NULL DEFAULT 0,
	tax          bigint  NOT NULL DEFAULT 0,
	total        bigint  NOT NULL DEFAULT 0,
	paid         bigint  NOT NULL DEFAULT 0 CHECK (paid >= 0),
	entry_id     uuid,
	void_entry_id uuid,
	created_by   uuid,
	created_at   timestamptz NOT NULL DEFAULT now(),
	received_at  timestamptz,
	voided_at    timestamptz,
	PRIMARY KEY (tenant_id, id),
	UNIQUE (tenant_id, number),
	FOREIGN KEY (tenant_id, party_id) REFERENCES parties (tenant_id, id),
	FOREIGN KEY (tenant_id, location_id) REFERENCES locations (tenant_id, id),
	FOREIGN KEY (tenant_id, entry_id) REFERENCES journal_entries (tenant_id, id),
	FOREIGN KEY (tenant_id, void_entry_id) REFERENCES journal_entries (tenant_id, id),
	CHECK (total = net + tax),
	CHECK (paid <= total),
	CHECK ((status = 'draft') = (number IS NULL))
);
CREATE INDEX bills_list ON bills (tenant_id, created_at DESC, id DESC);
CREATE INDEX bills_party ON bills (tenant_id, party_id);
CREATE INDEX bills_due ON bills (tenant_id, due_date) WHERE status IN ('received', 'partially_paid');

CREATE TABLE bill_lines (
	tenant_id    uuid   NOT NULL,
	bill_id      uuid   NOT NULL,
	line_no      int    NOT NULL CHECK (line_no BETWEEN 1 AND 1000),
	product_id   uuid,	-- a tracked product: received into stock at cost
	description  text   NOT NULL CHECK (length(description) BETWEEN 1 AND 500),
	quantity     bigint NOT NULL CHECK (quantity > 0),
	unit_price   bigint NOT NULL CHECK (unit_price >= 0),
	tax_group    text,
	account      text   NOT NULL DEFAULT '@expense',	-- ignored for stock lines (@inventory)
	net          bigint NOT NULL,
	tax          bigint NOT NULL,
	total        bigint NOT NULL,
	PRIMARY KEY (tenant_id, bill_id, line_no),
	FOREIGN KEY (tenant_id, bill_id) REFERENCES bills (tenant_id, id) ON DELETE CASCADE,
	FOREIGN KEY (tenant_id, product_id) REFERENCES products (tenant_id, id),
	CHECK (total = net + tax)
);

-- money in (from a customer) or out (to a supplier, or a refund to a
-- customer).  What is not allocated stays as the party's credit.
CREATE TABLE payments (
	tenant_id    uuid    NOT NULL REFERENCES tenants (id),
	id           uuid    NOT NULL DEFAULT gen_random_uuid(),
	number       text    NOT NULL,
	direction    text    NOT NULL CHECK (direction IN ('in', 'out')),
	kind         text    NOT NULL DEFAULT 'payment' CHECK (kind IN ('payment', 'refund')),
	party_id     uuid    NOT NULL,
	currency     char(3) NOT NULL REFERENCES currencies (code),
	amount       bigint  NOT NULL CHECK (amount > 0),
	unallocated  bigint  NOT NULL CHECK (unallocated >= 0),
	method       text    NOT NULL CHECK (method IN ('cash', 'bank_transfer', 'card', 'cheque', 'upi', 'other')),
	account      text    NOT NULL,	-- the bank or cash account: a code or '@role'
	payment_date date    NOT NULL DEFAULT current_date,
	reference    text    NOT NULL DEFAULT '' CHECK (length(reference) <= 100),
	notes        text    NOT NULL DEFAULT '' CHECK (length(notes) <= 2000),
	refund_of    uuid,	-- a refund: the payment whose credit it returns
	entry_id     uuid    NOT NULL,
	created_by   uuid,
	created_at   timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (tenant_id, id),
	UNIQUE (tenant_id, number),
	FOREIGN KEY (tenant_id, party_id) REFERENCES parties (tenant_id, id),
	FOREIGN KEY (tenant_id, refund_of) REFERENCES payments (tenant_id, id),
	FOREIGN KEY (tenant_id, entry_id) REFERENCES journal_entries (tenant_id, id),
	CHECK (unallocated <= amount)
);
CREATE INDEX payments_list ON payments (tenant_id, created_at DESC, id DESC);
CREATE INDEX payments_party ON payments (tenant_id, party_id);

-- settling a document: from a payment, or from a credit note's balance
CREATE TABLE payment_allocations (
	tenant_id      uuid   NOT NULL,
	id             uuid   NOT NULL DEFAULT gen_random_uuid(),
	payment_id     uuid,
	credit_note_id uuid,
	invoice_id     uuid,
	bill_id        uuid,
	amount         bigint NOT NULL CHECK (amount > 0),
	created_at     timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (tenant_id, id),
	FOREIGN KEY (tenant_id, payment_id) REFERENCES payments (tenant_id, id),
	FOREIGN KEY (tenant_id, credit_note_id) REFERENCES invoices (tenant_id, id),
	FOREIGN KEY (tenant_id, invoice_id) REFERENCES invoices (tenant_id, id),
	FOREIGN KEY (tenant_id, bill_id) REFERENCES bills (tenant_id, id),
	CHECK ((payment_id IS NULL) <> (credit_note_id IS NULL)),
	CHECK ((invoice_id IS NULL) <> (bill_id IS NULL))
);
CREATE INDEX payment_allocations_payment ON payment_allocations (tenant_id, payment_id);
CREATE INDEX payment_allocations_invoice ON payment_allocations (tenant_id, invoice_id);
CREATE INDEX payment_allocations_bill ON payment_allocations (tenant_id, bill_id);
CREATE TRIGGER payment_allocations_immutable BEFORE UPDATE OR DELETE ON payment_allocations
	FOR EACH ROW EXECUTE FUNCTION commerce_immutable();

-- tenant_seed_commerce: a new business's settings and first location
CREATE FUNCTION tenant_seed_commerce(tid uuid) RETURNS void LANGUAGE sql AS $$
	INSERT INTO commerce_settings (tenant_id) VALUES (tid) ON CONFLICT DO NOTHING;
	INSERT INTO locations (tenant_id, code, name) VALUES (tid, 'MAIN', 'Main store')
		ON CONFLICT DO NOTHING;
$$;

DO $$
DECLARE t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['commerce_settings', 'doc_counters', 'parties', 'party_contacts',
	                         'party_addresses', 'product_categories', 'products',
	                         'product_prices', 'locations', 'stock_levels',
	                         'stock_valuation', 'stock_movements', 'orders', 'order_lines',
	                         'stock_reservations', 'invoices', 'invoice_lines',
	                         'document_taxes', 'bills', 'bill_lines', 'payments',
	                         'payment_allocations']
	LOOP
		EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
		EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
		EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = bursar_tenant()) '
		               'WITH CHECK (tenant_id = bursar_tenant())', t);
	END LOOP;
END $$;

GRANT SELECT, INSERT, UPDATE ON commerce_settings, doc_counters, parties, products,
	product_categories, locations, stock_levels, stock_valuation, orders,
	stock_reservations, invoices, bills, payments TO bursar_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON party_contacts, party_addresses, product_prices,
	order_lines, invoice_lines, bill_lines, document_taxes TO bursar_app;
GRANT SELECT, INSERT ON stock_movements, payment_allocations TO bursar_app;
GRANT EXECUTE ON FUNCTION doc_next_number(text, date), order_next_number(date),
	tenant_seed_commerce(uuid) TO bursar_app;
GRANT USAGE ON SEQUENCE order_numbers TO bursar_app;

SELECT tenant_seed_commerce(id) FROM tenants;
