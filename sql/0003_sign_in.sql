-- 0003_sign_in.sql: what signing in needs beyond sessions: failed
-- attempts for throttling, and the refresh tokens of API clients.

-- login_failures is shared by every worker (and every app machine).  Keys
-- are hashes ('acct:' || sha256(slug|email), 'ip:' || address), so the
-- table names no one; it is not tenant-owned.
CREATE TABLE login_failures (
	key text        NOT NULL,
	at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_key ON login_failures (key, at);

-- Refresh tokens rotate: each use spends the token and issues the next in
-- the same family; a spent token presented again means it was stolen, and
-- the whole family is revoked.
CREATE TABLE refresh_tokens (
	tenant_id  uuid NOT NULL,
	id         uuid NOT NULL DEFAULT gen_random_uuid(),
	family_id  uuid NOT NULL,
	user_id    uuid NOT NULL,
	token_hash text NOT NULL UNIQUE,
	created_at timestamptz NOT NULL DEFAULT now(),
	expires_at timestamptz NOT NULL DEFAULT now() + interval '30 days',
	spent_at   timestamptz,
	revoked_at timestamptz,
	PRIMARY KEY (tenant_id, id),
	FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (tenant_id, family_id);
ALTER TABLE refresh_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE refresh_tokens FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON refresh_tokens
	USING (tenant_id = bursar_tenant()) WITH CHECK (tenant_id = bursar_tenant());

-- the tenant of a refresh token, so the request can be scoped to it
CREATE FUNCTION auth_refresh_tenant(p_token_hash text) RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
	SELECT tenant_id FROM refresh_tokens WHERE token_hash = p_token_hash
$$;
REVOKE ALL ON FUNCTION auth_refresh_tenant(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth_refresh_tenant(text) TO bursar_app;

GRANT SELECT, INSERT, DELETE ON login_failures TO bursar_app;
GRANT SELECT, INSERT, UPDATE ON refresh_tokens TO bursar_app;
