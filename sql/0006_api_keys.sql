-- 0006_api_keys.sql: long-lived API keys for machines.  The key is shown
-- once; only its SHA-256 is kept, with a short prefix to recognise it by.
-- Its scopes are permissions, never more than its creator held.

CREATE TABLE api_keys (
	tenant_id    uuid        NOT NULL,
	id           uuid        NOT NULL DEFAULT gen_random_uuid(),
	name         text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
	prefix       text        NOT NULL,
	key_hash     text        NOT NULL UNIQUE,
	scopes       text        NOT NULL CHECK (scopes ~ '^,([a-z_]+\.[a-z_]+,)*$'),
	created_by   uuid        NOT NULL,
	created_at   timestamptz NOT NULL DEFAULT now(),
	last_used_at timestamptz,
	revoked_at   timestamptz,
	PRIMARY KEY (tenant_id, id),
	FOREIGN KEY (tenant_id, created_by) REFERENCES users (tenant_id, id)
);
ALTER TABLE api_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE api_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON api_keys
	USING (tenant_id = bursar_tenant()) WITH CHECK (tenant_id = bursar_tenant());

-- auth_api_key: the live key for a hash, its last use recorded (at most
-- once a minute, so a busy integration does not write on every call)
CREATE FUNCTION auth_api_key(p_key_hash text)
RETURNS TABLE (tenant_id uuid, key_id uuid, name text, scopes text, created_by uuid)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
	UPDATE api_keys k SET last_used_at = now()
	WHERE k.key_hash = p_key_hash AND k.revoked_at IS NULL
	  AND (k.last_used_at IS NULL OR k.last_used_at < now() - interval '1 minute');
	RETURN QUERY SELECT k.tenant_id, k.id, k.name, k.scopes, k.created_by
		FROM api_keys k JOIN users u ON u.tenant_id = k.tenant_id AND u.id = k.created_by
		WHERE k.key_hash = p_key_hash AND k.revoked_at IS NULL AND u.active;
END $$;
REVOKE ALL ON FUNCTION auth_api_key(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth_api_key(text) TO bursar_app;
GRANT SELECT, INSERT, UPDATE ON api_keys TO bursar_app;
