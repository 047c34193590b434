-- 0013_invoices.sql: what the invoices module needs beyond the schema of
-- 0009: the overdue sweep (cron/overdue) finds the businesses that have
-- invoices past due across tenants, then works inside each one's scope.

-- invoice_overdue_tenants: the businesses with an issued or partly paid
-- invoice whose due date has passed (ids only: nothing else crosses the
-- tenants' walls)
CREATE FUNCTION invoice_overdue_tenants() RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
	SELECT DISTINCT tenant_id FROM invoices
	WHERE status IN ('issued', 'partially_paid') AND due_date < current_date
$$;
REVOKE ALL ON FUNCTION invoice_overdue_tenants() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION invoice_overdue_tenants() TO bursar_app;

-- a draft may be deleted (its lines go with it); nothing that was issued
-- ever is: its number is used and its entry posted
CREATE FUNCTION invoices_delete_draft_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF OLD.status <> 'draft' THEN
		RAISE EXCEPTION 'invoice % is %: only a draft is deleted', OLD.number, OLD.status
			USING ERRCODE = 'check_violation';
	END IF;
	RETURN OLD;
END $$;
CREATE TRIGGER invoices_delete_draft_only BEFORE DELETE ON invoices
	FOR EACH ROW EXECUTE FUNCTION invoices_delete_draft_only();
GRANT DELETE ON invoices TO bursar_app;
