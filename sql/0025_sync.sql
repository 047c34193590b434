-- 0025_sync.sql: inbound sync.  A CRM pushes its records (units,
-- registrations, payments, grades; students come whole inside
-- registrations); each is kept under its source id with the fingerprint
-- of its canonical form and every version, and every run keeps the
-- outcome of each record it was sent.

INSERT INTO permissions (name, description) VALUES
	('sync.write', 'Push records from another system (units, registrations, payments, grades)');
INSERT INTO role_permissions (tenant_id, role_id, permission)
	SELECT r.tenant_id, r.id, 'sync.write' FROM roles r
	WHERE r.builtin AND r.name IN ('owner', 'admin');

CREATE TABLE sync_runs (
	tenant_id  uuid        NOT NULL REFERENCES tenants (id),
	id         uuid        NOT NULL DEFAULT gen_random_uuid(),
	kind       text        NOT NULL,
	api_key_id uuid,
	total      int         NOT NULL DEFAULT 0,
	new        int         NOT NULL DEFAULT 0,
	unchanged  int         NOT NULL DEFAULT 0,
	updated    int         NOT NULL DEFAULT 0,
	invalid    int         NOT NULL DEFAULT 0,
	error      int         NOT NULL DEFAULT 0,
	created_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (tenant_id, id)
);
CREATE INDEX sync_runs_recent ON sync_runs (tenant_id, created_at DESC);

CREATE TABLE sync_records (
	tenant_id   uuid        NOT NULL REFERENCES tenants (id),
	kind        text        NOT NULL CHECK (kind IN ('units', 'registrations',
	                        'payments', 'grades', 'students')),
	source_id   text        NOT NULL CHECK (length(source_id) BETWEEN 1 AND 100),
	fingerprint text        NOT NULL CHECK (fingerprint ~ '^[0-9a-f]{64}$'),
	record      jsonb       NOT NULL,
	version     int         NOT NULL,
	-- what it became in Bursar: a student's customer, a registration's
	-- invoice for its fee, a payment's payment
	party_id    uuid,
	invoice_id  uuid,
	payment_id  uuid,
	created_at  timestamptz NOT NULL DEFAULT now(),
	updated_at  timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (tenant_id, kind, source_id)
);

CREATE TABLE sync_versions (
	tenant_id  uuid        NOT NULL,
	kind       text        NOT NULL,
	source_id  text        NOT NULL,
	version    int         NOT NULL,
	record     jsonb       NOT NULL,
	changed    text[]      NOT NULL,
	run_id     uuid,
	created_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (tenant_id, kind, source_id, version),
	FOREIGN KEY (tenant_id, kind, source_id)
		REFERENCES sync_records (tenant_id, kind, source_id)
);

CREATE TABLE sync_outcomes (
	tenant_id uuid NOT NULL,
	run_id    uuid NOT NULL,
	n         int  NOT NULL,	-- the record's place in the batch, from 1
	kind      text NOT NULL,
	source_id text,
	outcome   text NOT NULL CHECK (outcome IN ('new', 'unchanged', 'updated',
	                                           'invalid', 'error')),
	reasons   jsonb,		-- [{"field","problem"}] or [{"error"}]
	PRIMARY KEY (tenant_id, run_id, n),
	FOREIGN KEY (tenant_id, run_id) REFERENCES sync_runs (tenant_id, id)
);
CREATE INDEX sync_outcomes_invalid ON sync_outcomes (tenant_id, kind)
	WHERE outcome IN ('invalid', 'error');

DO $$
DECLARE t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['sync_runs', 'sync_records', 'sync_versions',
	                         'sync_outcomes']
	LOOP
		EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
		EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
		EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = bursar_tenant()) '
		               'WITH CHECK (tenant_id = bursar_tenant())', t);
	END LOOP;
END $$;

-- sync_take: one record, checked already, into the caller's business:
-- new when its source id is unseen, unchanged when its fingerprint is the
-- one kept, else updated (the previous version kept, the top-level fields
-- that changed named), or error with the database's message as changed.
-- Runs as the caller, under row-level security.
CREATE FUNCTION sync_take(p_kind text, p_source text, p_fp text, p_rec jsonb,
	p_run uuid, OUT outcome text, OUT version int, OUT changed text[])
LANGUAGE plpgsql AS $$
DECLARE r sync_records;
BEGIN
    -- a failure here is the record's alone: the block is its savepoint
    BEGIN
	INSERT INTO sync_records (tenant_id, kind, source_id, fingerprint, record, version)
	VALUES (bursar_tenant(), p_kind, p_source, p_fp, p_rec, 1)
	ON CONFLICT DO NOTHING;
	IF FOUND THEN
		INSERT INTO sync_versions (tenant_id, kind, source_id, version, record, changed, run_id)
		VALUES (bursar_tenant(), p_kind, p_source, 1, p_rec, '{}', p_run);
		outcome := 'new'; version := 1; changed := '{}';
		RETURN;
	END IF;
	SELECT * INTO r FROM sync_records s
		WHERE s.tenant_id = bursar_tenant() AND s.kind = p_kind AND s.source_id = p_source
		FOR UPDATE;
	IF r.fingerprint = p_fp THEN
		outcome := 'unchanged'; version := r.version; changed := '{}';
		RETURN;
	END IF;
	changed := ARRAY(SELECT k FROM (SELECT jsonb_object_keys(p_rec) k
		UNION SELECT jsonb_object_keys(r.record)) ks
		WHERE p_rec -> k IS DISTINCT FROM r.record -> k ORDER BY k);
	UPDATE sync_records s SET fingerprint = p_fp, record = p_rec,
		version = r.version + 1, updated_at = now()
		WHERE s.tenant_id = bursar_tenant() AND s.kind = p_kind AND s.source_id = p_source;
	INSERT INTO sync_versions (tenant_id, kind, source_id, version, record, changed, run_id)
	VALUES (bursar_tenant(), p_kind, p_source, r.version + 1, p_rec, changed, p_run);
	outcome := 'updated'; version := r.version + 1;
    EXCEPTION WHEN OTHERS THEN
	outcome := 'error'; version := NULL; changed := ARRAY[SQLERRM];
    END;
END $$;

GRANT SELECT, INSERT, UPDATE ON sync_runs, sync_records TO bursar_app;
GRANT SELECT, INSERT ON sync_versions, sync_outcomes TO bursar_app;
