-- 0005_mail.sql: outgoing mail, queued in the transaction of the change
-- that needs it (a reset link exists exactly when its token does), and
-- sent by cron/mail_send; password resets and invitations.

CREATE TABLE mail_queue (
	tenant_id  uuid        NOT NULL,
	id         uuid        NOT NULL DEFAULT gen_random_uuid(),
	to_addr    text        NOT NULL CHECK (to_addr ~ '^[^@\s<>]+@[^@\s<>]+$'),
	subject    text        NOT NULL CHECK (subject !~ '[\r\n]'),
	body       text        NOT NULL,
	created_at timestamptz NOT NULL DEFAULT now(),
	attempts   int         NOT NULL DEFAULT 0,
	next_try   timestamptz NOT NULL DEFAULT now(),
	sent_at    timestamptz,
	last_error text,
	PRIMARY KEY (tenant_id, id)
);
CREATE INDEX mail_queue_due ON mail_queue (next_try) WHERE sent_at IS NULL;

-- a queued mail wakes a watching sender at once
CREATE FUNCTION mail_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_notify('mail_queued', '');
	RETURN NEW;
END $$;
CREATE TRIGGER mail_queue_notify AFTER INSERT ON mail_queue
	FOR EACH STATEMENT EXECUTE FUNCTION mail_notify();

-- single-use tokens sent by mail; only their hashes are kept
CREATE TABLE password_resets (
	tenant_id  uuid        NOT NULL,
	id         uuid        NOT NULL DEFAULT gen_random_uuid(),
	user_id    uuid        NOT NULL,
	token_hash text        NOT NULL UNIQUE,
	expires_at timestamptz NOT NULL DEFAULT now() + interval '1 hour',
	used_at    timestamptz,
	PRIMARY KEY (tenant_id, id),
	FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE invitations (
	tenant_id   uuid        NOT NULL,
	id          uuid        NOT NULL DEFAULT gen_random_uuid(),
	user_id     uuid        NOT NULL,
	invited_by  uuid,
	token_hash  text        NOT NULL UNIQUE,
	expires_at  timestamptz NOT NULL DEFAULT now() + interval '7 days',
	accepted_at timestamptz,
	PRIMARY KEY (tenant_id, id),
	FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);

DO $$
DECLARE t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['mail_queue', 'password_resets', 'invitations']
	LOOP
		EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
		EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
		EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = bursar_tenant()) '
		               'WITH CHECK (tenant_id = bursar_tenant())', t);
	END LOOP;
END $$;

-- the tenant a mailed token belongs to (kind: 'reset' or 'invite')
CREATE FUNCTION auth_token_tenant(p_kind text, p_token_hash text) RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
	SELECT tenant_id FROM password_resets WHERE p_kind = 'reset' AND token_hash = p_token_hash
	UNION ALL
	SELECT tenant_id FROM invitations WHERE p_kind = 'invite' AND token_hash = p_token_hash
$$;

-- mail_claim: the sender takes up to n due messages across tenants; the
-- row locks (SKIP LOCKED) let several senders run at once without sending
-- a message twice.  Called inside the sender's transaction.
CREATE FUNCTION mail_claim(n int)
RETURNS TABLE (tenant_id uuid, id uuid, to_addr text, subject text, body text, attempts int)
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
	SELECT tenant_id, id, to_addr, subject, body, attempts FROM mail_queue
	WHERE sent_at IS NULL AND next_try <= now() AND attempts < 10
	ORDER BY next_try LIMIT n FOR UPDATE SKIP LOCKED
$$;
-- mail_done: records the outcome; a failure retries with back-off
CREATE FUNCTION mail_done(p_tenant uuid, p_id uuid, p_error text) RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
	UPDATE mail_queue SET
		sent_at = CASE WHEN p_error IS NULL THEN now() END,
		attempts = attempts + 1,
		last_error = p_error,
		next_try = now() + make_interval(secs => 30 * power(2, least(attempts, 8)))
	WHERE tenant_id = p_tenant AND id = p_id
$$;

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

REVOKE ALL ON FUNCTION auth_token_tenant(text, text), mail_claim(int),
	mail_done(uuid, uuid, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth_token_tenant(text, text), mail_claim(int),
	mail_done(uuid, uuid, text) TO bursar_app;
GRANT SELECT, INSERT ON mail_queue TO bursar_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON password_resets, invitations TO bursar_app;
