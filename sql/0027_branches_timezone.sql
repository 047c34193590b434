-- 0027_branches_timezone.sql: a user's branch limit enforced, and the
-- tenant's time zone used.
--
-- Branches: orders, invoices, bills, payments, stock locations and journal
-- entries carry a branch.  The request's scope (lib/db/db.c) sets, with the
-- tenant, the branches its user is limited to:
--     set_config('bursar.branches', '<id>,<id>' or '' for all, ...)
-- and a restrictive policy on each of those tables (and on the stock rows,
-- by their location) hides the rows of any other branch and refuses to
-- write one.  A row written without a branch takes its source's (an
-- invoice its order's, a credit note its invoice's, a refund its
-- payment's, a posted entry its document's), else the branch the request
-- named ("branch": its code, set as bursar.branch), else the caller's default
-- branch: the business's main branch (code MAIN) when the caller may use
-- it, else the first the caller is limited to.
--
-- Time zone: the same scope statement sets TimeZone to the tenant's, so
-- current_date, now()::date and every date the database computes are the
-- business's.  tenants.timezone must name a zone PostgreSQL knows.

-- bursar_branches: the request's branch limit; NULL when it has none
CREATE FUNCTION bursar_branches() RETURNS uuid[] LANGUAGE sql STABLE AS $$
	SELECT string_to_array(nullif(current_setting('bursar.branches', true), ''), ',')::uuid[]
$$;

-- bursar_branch_ok: whether the request may see and write branch p_branch
CREATE FUNCTION bursar_branch_ok(p_branch uuid) RETURNS boolean
LANGUAGE sql STABLE AS $$
	SELECT bursar_branches() IS NULL OR p_branch = ANY (bursar_branches())
$$;

-- bursar_default_branch: the branch of a row written without one; a
-- business with no branch yet gets its main one
CREATE FUNCTION bursar_default_branch() RETURNS uuid
LANGUAGE plpgsql VOLATILE AS $$
DECLARE b uuid;
BEGIN
	SELECT id INTO b FROM branches
	WHERE tenant_id = bursar_tenant() AND bursar_branch_ok(id)
	ORDER BY code <> 'MAIN', NOT active, code LIMIT 1;
	IF b IS NULL AND bursar_branches() IS NULL AND bursar_tenant() IS NOT NULL THEN
		INSERT INTO branches (tenant_id, code, name)
		VALUES (bursar_tenant(), 'MAIN', 'Main') ON CONFLICT DO NOTHING;
		SELECT id INTO b FROM branches WHERE tenant_id = bursar_tenant()
		ORDER BY code <> 'MAIN', code LIMIT 1;
	END IF;
	RETURN b;
END $$;

-- bursar_branch_code: a branch's code (for JSON and pages)
CREATE FUNCTION bursar_branch_code(p_tenant uuid, p_branch uuid) RETURNS text
LANGUAGE sql STABLE AS $$
	SELECT code FROM branches WHERE tenant_id = p_tenant AND id = p_branch
$$;

-- bursar_branch_by_code: the id of the branch with code p_code, when the
-- request may use it (NULL otherwise: unknown, or outside the limit)
CREATE FUNCTION bursar_branch_by_code(p_code text) RETURNS uuid
LANGUAGE sql STABLE AS $$
	SELECT id FROM branches WHERE tenant_id = bursar_tenant() AND code = p_code
	  AND bursar_branch_ok(id)
$$;

-- a business with no branch gets its main one, so every row has a branch
INSERT INTO branches (tenant_id, code, name)
SELECT t.id, 'MAIN', 'Main' FROM tenants t
WHERE NOT EXISTS (SELECT 1 FROM branches b WHERE b.tenant_id = t.id);

-- main_branch: the branch existing rows are given (run as the owner)
CREATE TEMP TABLE main_branch AS
SELECT DISTINCT ON (tenant_id) tenant_id, id FROM branches
ORDER BY tenant_id, code <> 'MAIN', NOT active, code;

DO $$
DECLARE t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['orders', 'invoices', 'bills', 'payments', 'locations',
	                         'journal_entries']
	LOOP
		EXECUTE format('ALTER TABLE %I ADD COLUMN branch_id uuid', t);
		EXECUTE format('ALTER TABLE %I DISABLE TRIGGER USER', t);
		EXECUTE format('UPDATE %I x SET branch_id = m.id FROM main_branch m '
		               'WHERE m.tenant_id = x.tenant_id', t);
		EXECUTE format('ALTER TABLE %I ENABLE TRIGGER USER', t);
		EXECUTE format('ALTER TABLE %I ALTER COLUMN branch_id SET NOT NULL', t);
		EXECUTE format('ALTER TABLE %I ADD FOREIGN KEY (tenant_id, branch_id) '
		               'REFERENCES branches (tenant_id, id)', t);
		EXECUTE format('CREATE INDEX %I ON %I (tenant_id, branch_id)',
		               t || '_branch', t);
		EXECUTE format('CREATE POLICY branch_limit ON %I AS RESTRICTIVE '
		               'USING ((SELECT bursar_branches()) IS NULL OR '
		               'branch_id = ANY ((SELECT bursar_branches())::uuid[])) '
		               'WITH CHECK ((SELECT bursar_branches()) IS NULL OR '
		               'branch_id = ANY ((SELECT bursar_branches())::uuid[]))', t);
	END LOOP;
	-- the stock rows follow their location's branch
	FOREACH t IN ARRAY ARRAY['stock_levels', 'stock_movements', 'stock_reservations']
	LOOP
		EXECUTE format('CREATE POLICY branch_limit ON %I AS RESTRICTIVE '
		               'USING ((SELECT bursar_branches()) IS NULL OR location_id IN '
		               '(SELECT l.id FROM locations l)) '
		               'WITH CHECK ((SELECT bursar_branches()) IS NULL OR location_id IN '
		               '(SELECT l.id FROM locations l))', t);
	END LOOP;
END $$;
DROP TABLE main_branch;

-- docs_branch: a new row's branch when it was written without one
CREATE FUNCTION docs_branch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.branch_id IS NOT NULL THEN
		RETURN NEW;
	END IF;
	IF TG_TABLE_NAME = 'invoices' THEN
		IF NEW.credit_of IS NOT NULL THEN
			SELECT branch_id INTO NEW.branch_id FROM invoices
			WHERE tenant_id = NEW.tenant_id AND id = NEW.credit_of;
		ELSIF NEW.order_id IS NOT NULL THEN
			SELECT branch_id INTO NEW.branch_id FROM orders
			WHERE tenant_id = NEW.tenant_id AND id = NEW.order_id;
		END IF;
	ELSIF TG_TABLE_NAME = 'payments' THEN
		IF NEW.refund_of IS NOT NULL THEN
			SELECT branch_id INTO NEW.branch_id FROM payments
			WHERE tenant_id = NEW.tenant_id AND id = NEW.refund_of;
		END IF;
	ELSIF TG_TABLE_NAME = 'journal_entries' THEN
		IF NEW.reversal_of IS NOT NULL THEN
			SELECT branch_id INTO NEW.branch_id FROM journal_entries
			WHERE tenant_id = NEW.tenant_id AND id = NEW.reversal_of;
		ELSIF NEW.source_id ~ '^[0-9a-f-]{36}$' THEN
			IF NEW.source_type = 'invoice' THEN
				SELECT branch_id INTO NEW.branch_id FROM invoices
				WHERE tenant_id = NEW.tenant_id AND id = NEW.source_id::uuid;
			ELSIF NEW.source_type = 'bill' THEN
				SELECT branch_id INTO NEW.branch_id FROM bills
				WHERE tenant_id = NEW.tenant_id AND id = NEW.source_id::uuid;
			ELSIF NEW.source_type = 'payment' THEN
				SELECT branch_id INTO NEW.branch_id FROM payments
				WHERE tenant_id = NEW.tenant_id AND id = NEW.source_id::uuid;
			END IF;
		END IF;
	END IF;
	IF NEW.branch_id IS NULL THEN
		-- the branch the request named (lib/web/serve.c), else the default
		NEW.branch_id := coalesce(nullif(current_setting('bursar.branch', true),
			'')::uuid, bursar_default_branch());
	END IF;
	IF NEW.branch_id IS NULL THEN
		-- written with no request's scope (a migration, the owner's own
		-- statements): the row's business's main branch
		SELECT id INTO NEW.branch_id FROM branches WHERE tenant_id = NEW.tenant_id
		ORDER BY code <> 'MAIN', NOT active, code LIMIT 1;
	END IF;
	RETURN NEW;
END $$;

DO $$
DECLARE t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['orders', 'invoices', 'bills', 'payments', 'locations',
	                         'journal_entries']
	LOOP
		EXECUTE format('CREATE TRIGGER %I BEFORE INSERT ON %I FOR EACH ROW '
		               'EXECUTE FUNCTION docs_branch()', t || '_branch', t);
	END LOOP;
END $$;

-- order_doc (replaces 0015's): changed only to add "branch", the order's
-- branch code, after "location_id", and to join its location with a LEFT
-- JOIN (a user limited to the order's branch may not see a location of
-- another: the order is still shown, its location null)
CREATE OR REPLACE FUNCTION order_doc(p_id uuid, p_page boolean) RETURNS json
LANGUAGE plpgsql STABLE AS $$
BEGIN
	RETURN (SELECT json_build_object('id', o.id, 'number', o.number,
		'status', o.status, 'party_id', o.party_id, 'currency', o.currency,
		'location', l.code, 'location_id', o.location_id,
		'branch', bursar_branch_code(o.tenant_id, o.branch_id),
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
	LEFT JOIN locations l ON l.tenant_id = o.tenant_id AND l.id = o.location_id
	LEFT JOIN invoices i ON i.tenant_id = o.tenant_id AND i.order_id = o.id
		AND i.kind = 'invoice' AND i.status <> 'void'
	WHERE o.id = p_id);
END $$;

ALTER TABLE orders DISABLE TRIGGER USER;
UPDATE orders SET doc = order_doc(id, false) WHERE doc IS NOT NULL;
ALTER TABLE orders ENABLE TRIGGER USER;

-- The tenant's time zone ------------------------------------------------

-- bursar_tz_ok: whether PostgreSQL knows the zone (set_config would fail
-- on every request of a business whose zone it does not)
CREATE FUNCTION bursar_tz_ok(p_tz text) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
	PERFORM now() AT TIME ZONE p_tz;
	RETURN p_tz <> '' AND p_tz !~ '^[+-]?[0-9]';	-- names, not bare offsets
EXCEPTION WHEN invalid_parameter_value THEN
	RETURN false;
END $$;
UPDATE tenants SET timezone = 'UTC' WHERE NOT bursar_tz_ok(timezone);
ALTER TABLE tenants ADD CONSTRAINT tenants_timezone_known CHECK (bursar_tz_ok(timezone));

-- bursar_tenant_timezone: the zone of tenant p_tenant (text, '' for none);
-- the server's own default for none.  SECURITY DEFINER: the scope
-- statement calls it while it sets the tenant, before RLS would let it
-- read the tenant's row.
CREATE FUNCTION bursar_tenant_timezone(p_tenant text) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
	SELECT coalesce((SELECT timezone FROM tenants WHERE id = nullif(p_tenant, '')::uuid),
	                (SELECT reset_val FROM pg_settings WHERE name = 'TimeZone'))
$$;

-- Who is calling: the scope of a session, API key or access token ---------

-- auth_scope: the tenant's time zone and the user's branch limit, as
-- '<timezone>|<branch id>,<branch id>' ('<timezone>|' for all branches)
CREATE FUNCTION auth_scope(p_tenant uuid, p_user uuid) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
	SELECT t.timezone || '|' || CASE WHEN u.all_branches IS NOT FALSE THEN '' ELSE
		coalesce((SELECT string_agg(ub.branch_id::text, ',' ORDER BY ub.branch_id)
		          FROM user_branches ub
		          WHERE ub.tenant_id = u.tenant_id AND ub.user_id = u.id),
		         '00000000-0000-0000-0000-000000000000') END
	FROM tenants t LEFT JOIN users u ON u.tenant_id = t.id AND u.id = p_user
	WHERE t.id = p_tenant
$$;
REVOKE ALL ON FUNCTION auth_scope(uuid, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth_scope(uuid, uuid), bursar_tenant_timezone(text),
	bursar_branches(), bursar_branch_ok(uuid), bursar_default_branch(),
	bursar_branch_code(uuid, uuid), bursar_branch_by_code(text), bursar_tz_ok(text)
	TO bursar_app;

-- auth_session (replaces 0002's): changed only by the one column appended
-- at the end, scope (auth_scope above).  Its result type changes, so it is
-- dropped and created again.
DROP FUNCTION auth_session(text);
CREATE FUNCTION auth_session(p_token_hash text)
RETURNS TABLE (tenant_id uuid, session_id uuid, user_id uuid,
               csrf_token text, role text, permissions text, scope text)
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
	WITH live AS (
		UPDATE sessions s SET last_seen_at = now()
		FROM users u
		WHERE s.token_hash = p_token_hash
		  AND s.expires_at > now()
		  AND s.last_seen_at > now() - interval '30 minutes'
		  AND u.tenant_id = s.tenant_id AND u.id = s.user_id AND u.active
		RETURNING s.tenant_id, s.id, s.user_id, s.csrf_token, u.role_id)
	SELECT l.tenant_id, l.id, l.user_id, l.csrf_token, r.name,
	       ',' || coalesce((SELECT string_agg(permission, ',' ORDER BY permission)
	                        FROM role_permissions rp
	                        WHERE rp.tenant_id = l.tenant_id AND rp.role_id = l.role_id), '') || ',',
	       auth_scope(l.tenant_id, l.user_id)
	FROM live l JOIN roles r ON r.tenant_id = l.tenant_id AND r.id = l.role_id
$$;
REVOKE ALL ON FUNCTION auth_session(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth_session(text) TO bursar_app;

-- auth_api_key (replaces 0006's): changed only by the one column appended
-- at the end, scope: a key sees the branches of the user who made it
DROP FUNCTION auth_api_key(text);
CREATE FUNCTION auth_api_key(p_key_hash text)
RETURNS TABLE (tenant_id uuid, key_id uuid, name text, scopes text, created_by uuid,
               scope text)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
	UPDATE api_keys k SET last_used_at = now()
	WHERE k.key_hash = p_key_hash AND k.revoked_at IS NULL
	  AND (k.last_used_at IS NULL OR k.last_used_at < now() - interval '1 minute');
	RETURN QUERY SELECT k.tenant_id, k.id, k.name, k.scopes, k.created_by,
		auth_scope(k.tenant_id, k.created_by)
		FROM api_keys k JOIN users u ON u.tenant_id = k.tenant_id AND u.id = k.created_by
		WHERE k.key_hash = p_key_hash AND k.revoked_at IS NULL AND u.active;
END $$;
REVOKE ALL ON FUNCTION auth_api_key(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth_api_key(text) TO bursar_app;

-- invoice_overdue_tenants (replaces 0013's), bill_overdue_tenants
-- (replaces 0014's): changed only in the date a due date is compared
-- with, each business's own rather than the server's
CREATE OR REPLACE FUNCTION invoice_overdue_tenants() RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
	SELECT DISTINCT i.tenant_id FROM invoices i JOIN tenants t ON t.id = i.tenant_id
	WHERE i.status IN ('issued', 'partially_paid')
	  AND i.due_date < (now() AT TIME ZONE t.timezone)::date
$$;
CREATE OR REPLACE FUNCTION bill_overdue_tenants() RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
	SELECT DISTINCT b.tenant_id FROM bills b JOIN tenants t ON t.id = b.tenant_id
	WHERE b.status IN ('received', 'partially_paid')
	  AND b.due_date < (now() AT TIME ZONE t.timezone)::date
$$;
