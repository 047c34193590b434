-- 0002_identity.sql: tenants, branches, roles and permissions, users,
-- sessions.  Every tenant-owned table has tenant_id in its keys and its
-- foreign keys, and row-level security on the request's tenant, which the
-- application sets per transaction:
--     SELECT set_config('bursar.tenant_id', $1, true)
-- With no tenant set, bursar_tenant() is NULL and every policy sees nothing.

CREATE FUNCTION bursar_tenant() RETURNS uuid LANGUAGE sql STABLE AS $$
	SELECT nullif(current_setting('bursar.tenant_id', true), '')::uuid
$$;

CREATE TABLE tenants (
	id            uuid        PRIMARY KEY,
	name          text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	slug          text        NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
	base_currency char(3)     NOT NULL DEFAULT 'INR' CHECK (base_currency ~ '^[A-Z]{3}$'),
	timezone      text        NOT NULL DEFAULT 'UTC',
	locale        text        NOT NULL DEFAULT 'en',
	address       text        NOT NULL DEFAULT '',
	tax_id        text        NOT NULL DEFAULT '',
	created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE branches (
	tenant_id  uuid NOT NULL REFERENCES tenants (id),
	id         uuid NOT NULL DEFAULT gen_random_uuid(),
	code       text NOT NULL CHECK (code ~ '^[A-Za-z0-9_-]{1,20}$'),
	name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	active     boolean NOT NULL DEFAULT true,
	PRIMARY KEY (tenant_id, id),
	UNIQUE (tenant_id, code)
);

-- the permission catalogue: resource.action, the same for every tenant
CREATE TABLE permissions (
	name        text PRIMARY KEY CHECK (name ~ '^[a-z_]+\.[a-z_]+$'),
	description text NOT NULL
);
INSERT INTO permissions (name, description) VALUES
	('users.read', 'See users'),
	('users.manage', 'Invite users, change roles and branches, deactivate'),
	('roles.manage', 'Create and edit custom roles'),
	('branches.read', 'See branches'),
	('branches.manage', 'Create and edit branches'),
	('api_keys.manage', 'Create and revoke API keys'),
	('audit.read', 'Read and verify the audit log'),
	('settings.manage', 'Change the business''s settings'),
	('ledger.read', 'Read the books'),
	('ledger.post', 'Post journal entries'),
	('sales.read', 'See customers, orders and invoices'),
	('sales.write', 'Create and change orders and invoices'),
	('purchases.read', 'See suppliers and bills'),
	('purchases.write', 'Record bills and payments'),
	('inventory.read', 'See products and stock'),
	('inventory.write', 'Change products and stock'),
	('reports.read', 'Run reports');

CREATE TABLE roles (
	tenant_id uuid NOT NULL REFERENCES tenants (id),
	id        uuid NOT NULL DEFAULT gen_random_uuid(),
	name      text NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
	builtin   boolean NOT NULL DEFAULT false,
	PRIMARY KEY (tenant_id, id),
	UNIQUE (tenant_id, name)
);

CREATE TABLE role_permissions (
	tenant_id  uuid NOT NULL,
	role_id    uuid NOT NULL,
	permission text NOT NULL REFERENCES permissions (name),
	PRIMARY KEY (tenant_id, role_id, permission),
	FOREIGN KEY (tenant_id, role_id) REFERENCES roles (tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE users (
	tenant_id     uuid NOT NULL REFERENCES tenants (id),
	id            uuid NOT NULL DEFAULT gen_random_uuid(),
	email         text NOT NULL CHECK (email = lower(email) AND email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
	name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	password_hash text,		-- NULL until an invited user chooses one
	role_id       uuid NOT NULL,
	active        boolean NOT NULL DEFAULT true,
	all_branches  boolean NOT NULL DEFAULT true,
	created_at    timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (tenant_id, id),
	UNIQUE (tenant_id, email),
	FOREIGN KEY (tenant_id, role_id) REFERENCES roles (tenant_id, id)
);

-- a user limited to some branches (all_branches = false) sees only these
CREATE TABLE user_branches (
	tenant_id uuid NOT NULL,
	user_id   uuid NOT NULL,
	branch_id uuid NOT NULL,
	PRIMARY KEY (tenant_id, user_id, branch_id),
	FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE,
	FOREIGN KEY (tenant_id, branch_id) REFERENCES branches (tenant_id, id)
);

-- sessions: the cookie holds a random token; only its SHA-256 is stored
CREATE TABLE sessions (
	tenant_id    uuid NOT NULL,
	id           uuid NOT NULL DEFAULT gen_random_uuid(),
	user_id      uuid NOT NULL,
	token_hash   text NOT NULL UNIQUE,
	csrf_token   text NOT NULL,
	created_at   timestamptz NOT NULL DEFAULT now(),
	last_seen_at timestamptz NOT NULL DEFAULT now(),
	expires_at   timestamptz NOT NULL DEFAULT now() + interval '12 hours',
	ip           text NOT NULL DEFAULT '',
	user_agent   text NOT NULL DEFAULT '',
	PRIMARY KEY (tenant_id, id),
	FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX sessions_user ON sessions (tenant_id, user_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);

-- row-level security: the same policy on every tenant-owned table
ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenants FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenants
	USING (id = bursar_tenant()) WITH CHECK (id = bursar_tenant());
DO $$
DECLARE t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['branches', 'roles', 'role_permissions', 'users',
	                         'user_branches', 'sessions', 'outbox_events',
	                         'idempotency_keys']
	LOOP
		EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
		EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
		EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = bursar_tenant()) '
		               'WITH CHECK (tenant_id = bursar_tenant())', t);
	END LOOP;
END $$;
-- requests made before sign-in (the nil tenant) keep their idempotency keys
CREATE POLICY anonymous_keys ON idempotency_keys
	USING (bursar_tenant() IS NULL AND tenant_id = '00000000-0000-0000-0000-000000000000')
	WITH CHECK (bursar_tenant() IS NULL AND tenant_id = '00000000-0000-0000-0000-000000000000');

-- the built-in roles of a new tenant, from the catalogue
CREATE FUNCTION tenant_seed_roles(tid uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
	FOR r IN SELECT * FROM (VALUES
		('owner', '%'), ('admin', '%'),
		('accountant', '^(ledger|reports|purchases)\.|\.read$'),
		('sales', '^(sales|reports)\.|^(inventory|branches|users)\.read$'),
		('viewer', '\.read$')) AS v(name, pattern)
	LOOP
		INSERT INTO roles (tenant_id, name, builtin) VALUES (tid, r.name, true);
		INSERT INTO role_permissions (tenant_id, role_id, permission)
			SELECT tid, ro.id, p.name FROM roles ro, permissions p
			WHERE ro.tenant_id = tid AND ro.name = r.name
			  AND (r.pattern = '%' OR p.name ~ r.pattern);
	END LOOP;
END $$;

-- Lookups that must cross tenants before the tenant is known.  They run
-- as their owner (SECURITY DEFINER), return the least they can, and are
-- the only doors through RLS the application has.
CREATE FUNCTION auth_tenant_by_slug(p_slug text) RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
	SELECT id FROM tenants WHERE slug = p_slug
$$;

-- auth_session: the live session for a token hash, touched, with what a
-- request needs to know of its user (role, permissions as ",a,b,"); nothing
-- when it is unknown, idle for 30 minutes, past its 12 hours, or its user
-- is inactive.
CREATE FUNCTION auth_session(p_token_hash text)
RETURNS TABLE (tenant_id uuid, session_id uuid, user_id uuid,
               csrf_token text, role text, permissions text)
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
	                        WHERE rp.tenant_id = l.tenant_id AND rp.role_id = l.role_id), '') || ','
	FROM live l JOIN roles r ON r.tenant_id = l.tenant_id AND r.id = l.role_id
$$;

REVOKE ALL ON FUNCTION auth_tenant_by_slug(text), auth_session(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth_tenant_by_slug(text), auth_session(text) TO bursar_app;
GRANT EXECUTE ON FUNCTION bursar_tenant(), tenant_seed_roles(uuid) TO bursar_app;

GRANT SELECT, INSERT, UPDATE ON tenants TO bursar_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON branches, roles, role_permissions,
	users, user_branches, sessions TO bursar_app;
GRANT SELECT ON permissions TO bursar_app;
