-- 0026_role_matrix.sql: who may do what, written once.  role_matrix is
-- the one source of the built-in roles' permissions: new businesses get
-- their roles from it (tenant_seed_roles), existing businesses' built-in
-- roles are brought to it here (role_matrix_apply), the README's "Who may
-- do what" table is this table, and the roles integration case tests
-- every route against every built-in role from it.
--
-- Finer permissions, so what a small office keeps apart can be granted
-- apart: sales.void (voiding an issued invoice, or crediting it, posts a
-- reversal: the accountant's, not the sales desk's).  Payments and
-- statements now follow their side: money in and customers' statements
-- need sales.*, money out and suppliers' statements purchases.* (the
-- routes take either; the handlers check the document's side).
--
-- A later migration that adds a permission: INSERT INTO permissions, add
-- its rows to role_matrix, then SELECT role_matrix_apply().

INSERT INTO permissions (name, description) VALUES
	('sales.void', 'Void issued invoices and raise credit notes (both post reversals)');

-- role_matrix: a built-in role and a permission it holds; not a tenant's
-- (the same for every business, like the permission catalogue)
CREATE TABLE role_matrix (
	role       text NOT NULL CHECK (role ~ '^[a-z]+$'),
	permission text NOT NULL REFERENCES permissions (name),
	PRIMARY KEY (role, permission)
);

INSERT INTO role_matrix (role, permission)
SELECT v.role, p.permission FROM (VALUES
	-- the business's owner and the people they trust with everything
	('owner', NULL), ('admin', NULL),
	-- keeps the books: journal, set-up, bills and paying them, customers'
	-- receipts, voiding and crediting invoices, reports and the audit log;
	-- not users, settings, stock changes or integrations
	('accountant', 'ledger.read,ledger.post,ledger.manage,reports.read,'
	 'audit.read,sales.read,sales.write,sales.void,purchases.read,'
	 'purchases.write,inventory.read,branches.read,users.read'),
	-- the sales desk: customers, orders, draft and issued invoices, taking
	-- customers' payments; sees products and stock; no books, no supplier
	-- side, no voids
	('sales', 'sales.read,sales.write,inventory.read,branches.read,users.read'),
	-- reads everything a business keeps, changes nothing
	('viewer', 'users.read,branches.read,audit.read,ledger.read,reports.read,'
	 'sales.read,purchases.read,inventory.read')
) AS v(role, perms)
CROSS JOIN LATERAL (
	SELECT name AS permission FROM permissions WHERE v.perms IS NULL
	UNION ALL
	SELECT unnest(string_to_array(v.perms, ',')) WHERE v.perms IS NOT NULL
) p;

GRANT SELECT ON role_matrix TO bursar_app;

-- tenant_seed_roles: the built-in roles of a new tenant, from role_matrix.
-- Was (0002): each role's permissions picked by a regex over their names,
-- so every new permission fell to whichever role's pattern it matched.
-- Now: exactly role_matrix's rows; the owner also gets any permission the
-- matrix does not name yet, so no business is ever locked out of one.
CREATE OR REPLACE FUNCTION tenant_seed_roles(tid uuid) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO roles (tenant_id, name, builtin)
		SELECT DISTINCT tid, m.role, true FROM role_matrix m;
	INSERT INTO role_permissions (tenant_id, role_id, permission)
		SELECT tid, ro.id, m.permission FROM role_matrix m
		JOIN roles ro ON ro.tenant_id = tid AND ro.name = m.role;
	INSERT INTO role_permissions (tenant_id, role_id, permission)
		SELECT tid, ro.id, p.name FROM roles ro, permissions p
		WHERE ro.tenant_id = tid AND ro.name = 'owner'
		  AND NOT EXISTS (SELECT 1 FROM role_matrix m
		                  WHERE m.permission = p.name)
		ON CONFLICT DO NOTHING;
END $$;

-- role_matrix_apply: every business's built-in roles brought to the
-- matrix (grants added and withdrawn); a permission the matrix does not
-- name is left as it is.  Custom roles are the business's own: untouched.
-- Returns the number of grants changed.
CREATE FUNCTION role_matrix_apply() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE added bigint; removed bigint;
BEGIN
	WITH gone AS (
		DELETE FROM role_permissions rp USING roles ro
		WHERE ro.tenant_id = rp.tenant_id AND ro.id = rp.role_id
		  AND ro.builtin
		  AND rp.permission IN (SELECT permission FROM role_matrix)
		  AND NOT EXISTS (SELECT 1 FROM role_matrix m
		                  WHERE m.role = ro.name
		                    AND m.permission = rp.permission)
		RETURNING 1)
	SELECT count(*) INTO removed FROM gone;
	WITH got AS (
		INSERT INTO role_permissions (tenant_id, role_id, permission)
		SELECT ro.tenant_id, ro.id, m.permission
		FROM roles ro JOIN role_matrix m ON m.role = ro.name
		WHERE ro.builtin
		ON CONFLICT DO NOTHING
		RETURNING 1)
	SELECT count(*) INTO added FROM got;
	RETURN added + removed;
END $$;

-- a custom role (or an API key) that could void through sales.write keeps
-- that power: it is the business's to withdraw, not this migration's
INSERT INTO role_permissions (tenant_id, role_id, permission)
	SELECT rp.tenant_id, rp.role_id, 'sales.void'
	FROM role_permissions rp JOIN roles ro
	  ON ro.tenant_id = rp.tenant_id AND ro.id = rp.role_id
	WHERE NOT ro.builtin AND rp.permission = 'sales.write'
	ON CONFLICT DO NOTHING;
UPDATE api_keys SET scopes = scopes || 'sales.void,'
	WHERE strpos(scopes, ',sales.write,') > 0
	  AND strpos(scopes, ',sales.void,') = 0;

-- the businesses that exist already: their built-in roles to the matrix
SELECT role_matrix_apply();
