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
