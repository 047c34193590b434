-- 0028_auth_hardening.sql: credentials that follow their user now (issue
-- 24.1, 24.3, 24.8): an API key's powers are its scopes intersected with
-- its creator's current permissions; access tokens end at logout and
-- deactivation; a password-reset link ends every older one; the sign-in
-- throttle counts atomically; the audit log names the API key used.

-- 24.8: tokens issued up to this instant are revoked.  Access tokens are
-- signed and carry no state, so the request prelude checks this (with the
-- tenant's scope, in the same round trip: auth_token_guard below).
ALTER TABLE users ADD COLUMN tokens_revoked_at timestamptz;

-- auth_token_guard: raises 28000 unless the user is active and the token,
-- issued at p_iat_us (microseconds since the epoch, the token's iat_us
-- claim), is younger than the user's revocation.  A tie counts as older
-- (refused: the safe side).  Runs as the web role under the
-- request's tenant scope (RLS), so it sees only that tenant's user.
CREATE FUNCTION auth_token_guard(p_user uuid, p_iat_us bigint) RETURNS void
LANGUAGE plpgsql STABLE AS $$
BEGIN
	IF NOT EXISTS (SELECT 1 FROM users u WHERE u.id = p_user AND u.active
	               AND (u.tokens_revoked_at IS NULL
	                    OR p_iat_us > floor(extract(epoch FROM u.tokens_revoked_at) * 1000000)))
	THEN
		RAISE EXCEPTION 'the access token has been revoked'
			USING ERRCODE = 'invalid_authorization_specification';
	END IF;
END $$;
REVOKE ALL ON FUNCTION auth_token_guard(uuid, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth_token_guard(uuid, bigint) TO bursar_app;

-- 24.8: the sign-in throttle.  One row per key ('pair:' account+address,
-- 'acct:' account, 'ip:' address), counted in one upsert before the
-- password is checked, so concurrent guesses serialise on the row and
-- exactly the limit gets through.  A fixed window of 15 minutes from the
-- first attempt.  Not tenant-owned: keys are hashes and name no one.
CREATE TABLE login_throttle (
	key   text        PRIMARY KEY,
	n     integer     NOT NULL,
	since timestamptz NOT NULL
);
GRANT SELECT, INSERT, UPDATE, DELETE ON login_throttle TO bursar_app;

-- auth_cleanup: copied whole from 0005_mail.sql; changed: also removes
-- throttle rows whose window has passed.
CREATE OR REPLACE FUNCTION auth_cleanup() RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE n bigint := 0; k bigint;
BEGIN
	DELETE FROM sessions WHERE expires_at < now()
		OR last_seen_at < now() - interval '30 minutes';
	GET DIAGNOSTICS k = ROW_COUNT; n := n + k;
	DELETE FROM refresh_tokens WHERE expires_at < now()
		OR revoked_at < now() - interval '1 day'
		OR spent_at < now() - interval '30 days';
	GET DIAGNOSTICS k = ROW_COUNT; n := n + k;
	DELETE FROM login_failures WHERE at < now() - interval '15 minutes';
	GET DIAGNOSTICS k = ROW_COUNT; n := n + k;
	-- 0028: the throttle's counters past their window
	DELETE FROM login_throttle WHERE since < now() - interval '15 minutes';
	GET DIAGNOSTICS k = ROW_COUNT; n := n + k;
	DELETE FROM password_resets WHERE expires_at < now() OR used_at IS NOT NULL;
	GET DIAGNOSTICS k = ROW_COUNT; n := n + k;
	-- an invitation never accepted takes its not-yet-joined user with it
	DELETE FROM users u USING invitations i
		WHERE i.tenant_id = u.tenant_id AND i.user_id = u.id
		  AND i.expires_at < now() AND i.accepted_at IS NULL
		  AND u.password_hash IS NULL;
	GET DIAGNOSTICS k = ROW_COUNT; n := n + k;
	DELETE FROM invitations WHERE expires_at < now() OR accepted_at IS NOT NULL;
	GET DIAGNOSTICS k = ROW_COUNT; n := n + k;
	RETURN n;
END $$;

-- auth_api_key: copied whole from 0006_api_keys.sql; changed (24.1): the
-- scopes returned are the key's scopes that its creator's role holds now,
-- in the same query that finds the key, so a demoted creator's key
-- narrows with them.  Output columns as 0027 left them (its trailing
-- scope: the creator's time zone and branches).
CREATE OR REPLACE FUNCTION auth_api_key(p_key_hash text)
RETURNS TABLE (tenant_id uuid, key_id uuid, name text, scopes text, created_by uuid,
               scope text)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
	UPDATE api_keys k SET last_used_at = now()
	WHERE k.key_hash = p_key_hash AND k.revoked_at IS NULL
	  AND (k.last_used_at IS NULL OR k.last_used_at < now() - interval '1 minute');
	RETURN QUERY SELECT k.tenant_id, k.id, k.name,
		-- 0028: scopes ∩ the creator's current permissions, as ",a,b,"
		',' || coalesce((SELECT string_agg(rp.permission, ',' ORDER BY rp.permission)
		                 FROM role_permissions rp
		                 WHERE rp.tenant_id = u.tenant_id AND rp.role_id = u.role_id
		                   AND position(',' || rp.permission || ',' IN k.scopes) > 0), '') || ',',
		k.created_by, auth_scope(k.tenant_id, k.created_by)
		FROM api_keys k JOIN users u ON u.tenant_id = k.tenant_id AND u.id = k.created_by
		WHERE k.key_hash = p_key_hash AND k.revoked_at IS NULL AND u.active;
END $$;

-- 24.3: the audit log names the API key an entry was made with.  Appended
-- to both tables alike (the archive takes SELECT * of the log).  The hash
-- covers it only when set: concat_ws skips NULLs, so every entry made
-- before keeps its hash and the chains still verify.
ALTER TABLE audit_log ADD COLUMN api_key_id uuid;
ALTER TABLE audit_archive ADD COLUMN api_key_id uuid;

-- audit_entry_hash: copied whole from 0004_audit.sql; changed: the API
-- key's id is the last part, when there is one.
CREATE OR REPLACE FUNCTION audit_entry_hash(e audit_log) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
	SELECT encode(sha256(convert_to(concat_ws('|', e.prev_hash, e.tenant_id,
		e.seq, to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
		coalesce(e.actor_id::text, ''), e.actor_label, e.ip, e.action,
		e.record_type, e.record_id, coalesce(e.before::text, 'null'),
		coalesce(e.after::text, 'null'), e.api_key_id::text), 'UTF8')), 'hex')
$$;
