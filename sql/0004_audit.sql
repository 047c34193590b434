-- 0004_audit.sql: the audit log: who did what, when, from where, to which
-- record, with before and after.  Append-only (UPDATE and DELETE refused)
-- and tamper-evident: each entry's hash covers its content and the
-- previous entry's hash, per tenant, computed here so no caller can forge
-- or skip a link.  Old entries move to audit_archive (same chain).

CREATE TABLE audit_log (
	tenant_id    uuid        NOT NULL,
	seq          bigint      NOT NULL,
	at           timestamptz NOT NULL DEFAULT now(),
	actor_id     uuid,
	actor_label  text        NOT NULL DEFAULT '',
	ip           text        NOT NULL DEFAULT '',
	action       text        NOT NULL CHECK (action ~ '^[a-z_]+\.[a-z_]+$'),
	record_type  text        NOT NULL DEFAULT '',
	record_id    text        NOT NULL DEFAULT '',
	before       jsonb,
	after        jsonb,
	prev_hash    text        NOT NULL,
	hash         text        NOT NULL,
	PRIMARY KEY (tenant_id, seq)
);
CREATE INDEX audit_log_at ON audit_log (tenant_id, at);
CREATE TABLE audit_archive (LIKE audit_log INCLUDING ALL);

-- audit_entry_hash: the one definition of an entry's hash
CREATE FUNCTION audit_entry_hash(e audit_log) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
	SELECT encode(sha256(convert_to(concat_ws('|', e.prev_hash, e.tenant_id,
		e.seq, to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
		coalesce(e.actor_id::text, ''), e.actor_label, e.ip, e.action,
		e.record_type, e.record_id, coalesce(e.before::text, 'null'),
		coalesce(e.after::text, 'null')), 'UTF8')), 'hex')
$$;

CREATE FUNCTION audit_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE last record;
BEGIN
	-- one writer per tenant at a time: the chain has no forks
	PERFORM pg_advisory_xact_lock(hashtext('audit:' || NEW.tenant_id::text));
	SELECT seq, hash INTO last FROM (
		SELECT seq, hash FROM audit_log WHERE tenant_id = NEW.tenant_id
		UNION ALL
		SELECT seq, hash FROM audit_archive WHERE tenant_id = NEW.tenant_id
	) x ORDER BY seq DESC LIMIT 1;
	NEW.seq := coalesce(last.seq, 0) + 1;
	NEW.prev_hash := coalesce(last.hash, repeat('0', 64));
	NEW.at := date_trunc('microseconds', now());
	NEW.hash := audit_entry_hash(NEW);
	RETURN NEW;
END $$;
CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log
	FOR EACH ROW EXECUTE FUNCTION audit_chain();

CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'the audit log is append-only'
		USING ERRCODE = 'integrity_constraint_violation';
END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
	FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_archive_append_only BEFORE UPDATE OR DELETE ON audit_archive
	FOR EACH ROW EXECUTE FUNCTION audit_append_only();

ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_log
	USING (tenant_id = bursar_tenant()) WITH CHECK (tenant_id = bursar_tenant());
ALTER TABLE audit_archive ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_archive FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_archive
	USING (tenant_id = bursar_tenant()) WITH CHECK (tenant_id = bursar_tenant());

-- audit_verify: recomputes the chain of the current tenant (archive and
-- log, in order) and returns the seq of the first entry that breaks it,
-- or NULL when every link holds.
CREATE FUNCTION audit_verify() RETURNS bigint LANGUAGE plpgsql STABLE AS $$
DECLARE e audit_log; prev text := repeat('0', 64); want bigint := 1;
BEGIN
	FOR e IN SELECT * FROM (SELECT * FROM audit_archive UNION ALL
	                        SELECT * FROM audit_log) x
	         WHERE tenant_id = bursar_tenant() ORDER BY seq
	LOOP
		IF e.seq <> want OR e.prev_hash <> prev OR e.hash <> audit_entry_hash(e) THEN
			RETURN e.seq;
		END IF;
		prev := e.hash;
		want := want + 1;
	END LOOP;
	RETURN NULL;
END $$;

-- audit_archive_older: moves entries older than the cutoff into the
-- archive, every tenant, in one transaction; returns how many moved.  It
-- runs as its owner, the only one allowed past the append-only triggers.
CREATE FUNCTION audit_archive_older(cutoff timestamptz) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE n bigint;
BEGIN
	-- a second run at the same time waits, then finds nothing to move
	PERFORM pg_advisory_xact_lock(hashtext('audit_archive'));
	INSERT INTO audit_archive SELECT * FROM audit_log WHERE at < cutoff;
	GET DIAGNOSTICS n = ROW_COUNT;
	SET LOCAL session_replication_role = replica;	-- skip the triggers
	DELETE FROM audit_log WHERE at < cutoff;
	SET LOCAL session_replication_role = origin;
	RETURN n;
END $$;

-- auth_cleanup: what the hourly cron removes, every tenant; idempotent,
-- so two runs at once are harmless.  Returns rows removed.
CREATE FUNCTION auth_cleanup() RETURNS bigint
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
	RETURN n;
END $$;

REVOKE ALL ON FUNCTION audit_archive_older(timestamptz), auth_cleanup() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_archive_older(timestamptz), auth_cleanup(),
	audit_verify() TO bursar_app;
GRANT SELECT, INSERT ON audit_log TO bursar_app;
GRANT SELECT ON audit_archive TO bursar_app;
