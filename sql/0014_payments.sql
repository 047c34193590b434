-- 0014_payments.sql: what bills, payments and statements need beyond the
-- schema of 0009: the supplier's own number is unique per supplier among
-- bills that are not void, a draft bill may be deleted, the overdue sweep
-- finds the businesses with bills past due, and the lists' indexes.

-- a supplier's invoice entered twice is the classic double payment: the
-- second one is refused (a void bill frees its reference)
CREATE UNIQUE INDEX bills_supplier_ref ON bills (tenant_id, party_id, lower(supplier_ref))
	WHERE supplier_ref <> '' AND status <> 'void';

-- a draft may be deleted (its lines go with it); a received bill never is
CREATE FUNCTION bills_delete_draft_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF OLD.status <> 'draft' THEN
		RAISE EXCEPTION 'bill % is %: only a draft is deleted', OLD.number, OLD.status
			USING ERRCODE = 'check_violation';
	END IF;
	RETURN OLD;
END $$;
CREATE TRIGGER bills_delete_draft_only BEFORE DELETE ON bills
	FOR EACH ROW EXECUTE FUNCTION bills_delete_draft_only();
GRANT DELETE ON bills TO bursar_app;

-- bill_overdue_tenants: the businesses with a received or partly paid bill
-- past its due date (ids only: nothing else crosses the tenants' walls)
CREATE FUNCTION bill_overdue_tenants() RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
	SELECT DISTINCT tenant_id FROM bills
	WHERE status IN ('received', 'partially_paid') AND due_date < current_date
$$;
REVOKE ALL ON FUNCTION bill_overdue_tenants() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION bill_overdue_tenants() TO bursar_app;

-- a payment's fields that change after it is written are its unallocated
-- credit only; the rest is what happened
CREATE FUNCTION payments_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF (NEW.number, NEW.direction, NEW.kind, NEW.party_id, NEW.currency, NEW.amount,
	    NEW.method, NEW.account, NEW.payment_date, NEW.refund_of, NEW.entry_id)
	   IS DISTINCT FROM
	   (OLD.number, OLD.direction, OLD.kind, OLD.party_id, OLD.currency, OLD.amount,
	    OLD.method, OLD.account, OLD.payment_date, OLD.refund_of, OLD.entry_id) THEN
		RAISE EXCEPTION 'a payment is never changed: only its unallocated credit moves'
			USING ERRCODE = 'insufficient_privilege';
	END IF;
	RETURN NEW;
END $$;
CREATE TRIGGER payments_keep BEFORE UPDATE ON payments
	FOR EACH ROW EXECUTE FUNCTION payments_keep();

CREATE INDEX payments_party_date ON payments (tenant_id, party_id, payment_date);
CREATE INDEX bills_party_date ON bills (tenant_id, party_id, bill_date);
CREATE INDEX payments_refund_of ON payments (tenant_id, refund_of) WHERE refund_of IS NOT NULL;

-- Foreign currency: a document is booked at its own day's rate, a payment
-- at its own.  Each allocation records the base-currency amount it took
-- off the document's receivable or payable (doc_base: its share of what
-- the document booked) and off the payment (paid_base: its share at the
-- payment's rate); the difference goes to exchange gain or loss.  The
-- allocation that settles a document in full takes whatever is left of
-- the document's booked amount, and the one that uses the last of a
-- payment whatever is left of the payment's, so nothing is ever left
-- over by rounding.  A refund records the base of the credit it returned
-- (source_base).  In the base currency every share equals the amount.
ALTER TABLE payment_allocations ADD COLUMN doc_base bigint, ADD COLUMN paid_base bigint;
ALTER TABLE payments ADD COLUMN source_base bigint;

-- document_base_share: the base amount an allocation of p_amount relieves
-- on invoice or bill p_doc, called after the document was settled by it
-- (its paid includes p_amount) and before the allocation row is written
CREATE FUNCTION document_base_share(p_kind text, p_doc uuid, p_amount bigint) RETURNS bigint
LANGUAGE plpgsql STABLE AS $$
DECLARE booked bigint; tot bigint; pd bigint; before bigint;
BEGIN
	IF p_kind = 'bill' THEN
		SELECT b.total, b.paid, (SELECT sum(l.credit - l.debit) FROM journal_lines l
		        JOIN accounts a ON a.tenant_id = l.tenant_id AND a.id = l.account_id
		        WHERE l.entry_id = b.entry_id AND a.role = 'payable')
		  INTO tot, pd, booked FROM bills b WHERE b.id = p_doc;
		SELECT coalesce(sum(coalesce(doc_base, round(booked::numeric * amount / tot)::bigint)), 0)
		  INTO before FROM payment_allocations WHERE bill_id = p_doc;
	ELSE
		SELECT i.total, i.paid, (SELECT sum(l.debit - l.credit) FROM journal_lines l
		        JOIN accounts a ON a.tenant_id = l.tenant_id AND a.id = l.account_id
		        WHERE l.entry_id = i.entry_id AND a.role = 'receivable')
		  INTO tot, pd, booked FROM invoices i WHERE i.id = p_doc;
		SELECT coalesce(sum(coalesce(doc_base, round(booked::numeric * amount / tot)::bigint)), 0)
		  INTO before FROM payment_allocations WHERE invoice_id = p_doc;
	END IF;
	IF booked IS NULL OR tot IS NULL OR tot = 0 THEN
		RAISE EXCEPTION 'document % has no posting', p_doc USING ERRCODE = 'no_data_found';
	END IF;
	IF pd = tot THEN
		RETURN booked - before;
	END IF;
	RETURN round(booked::numeric * p_amount / tot)::bigint;
END $$;

-- payment_base_share: the base amount p_amount of payment p_payment's
-- credit stands for: at the payment's rate, or, when p_left (its
-- unallocated after this use) is 0, what is left of its posting
CREATE FUNCTION payment_base_share(p_payment uuid, p_amount bigint, p_left bigint) RETURNS bigint
LANGUAGE sql STABLE AS $$
	SELECT CASE WHEN p_left = 0 THEN
		(SELECT abs(sum(l.debit - l.credit)) FROM journal_lines l
		   JOIN accounts a ON a.tenant_id = l.tenant_id AND a.id = l.account_id
		  WHERE l.entry_id = p.entry_id AND a.role IN ('receivable', 'payable'))
		- coalesce((SELECT sum(x.paid_base) FROM payment_allocations x WHERE x.payment_id = p.id), 0)
		- coalesce((SELECT sum(r.source_base) FROM payments r WHERE r.refund_of = p.id), 0)
	ELSE round(p_amount * e.rate * power(10::numeric, cb.minor_units - cx.minor_units))::bigint END
	FROM payments p
	JOIN journal_entries e ON e.tenant_id = p.tenant_id AND e.id = p.entry_id
	JOIN tenants t ON t.id = p.tenant_id
	JOIN currencies cb ON cb.code = t.base_currency
	JOIN currencies cx ON cx.code = p.currency
	WHERE p.id = p_payment
$$;
GRANT EXECUTE ON FUNCTION document_base_share(text, uuid, bigint),
	payment_base_share(uuid, bigint, bigint) TO bursar_app;
