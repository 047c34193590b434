-- 0001_platform.sql: what every resource stands on: the event outbox and
-- the idempotency keys of the API.  The application role (bursar_app) owns
-- nothing and gets only the rights granted here.

CREATE TABLE outbox_events (
	tenant_id   uuid        NOT NULL,
	id          uuid        NOT NULL DEFAULT gen_random_uuid(),
	seq         bigint      GENERATED ALWAYS AS IDENTITY,
	type        text        NOT NULL
	            CHECK (type ~ '^[a-z][a-z_]*(\.[a-z][a-z_]*)+$'),
	payload     jsonb       NOT NULL CHECK (jsonb_typeof(payload) = 'object'),
	occurred_at timestamptz NOT NULL DEFAULT now(),
	-- the writing transaction: consumers wait until it can no longer be
	-- running, so a cursor on seq never skips a late commit
	xid         xid8        NOT NULL DEFAULT pg_current_xact_id(),
	PRIMARY KEY (tenant_id, id),
	UNIQUE (seq)
);
CREATE INDEX outbox_events_xid ON outbox_events (xid);

-- events are facts: never rewritten
CREATE FUNCTION outbox_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'outbox events cannot be changed'
		USING ERRCODE = 'integrity_constraint_violation';
END $$;
CREATE TRIGGER outbox_events_immutable BEFORE UPDATE ON outbox_events
	FOR EACH ROW EXECUTE FUNCTION outbox_immutable();

CREATE TABLE idempotency_keys (
	tenant_id    uuid        NOT NULL,
	key          text        NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
	request_hash text        NOT NULL,
	status       int,
	content_type text,
	body         text,
	location     text,
	created_at   timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (tenant_id, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

GRANT SELECT, INSERT ON outbox_events TO bursar_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON idempotency_keys TO bursar_app;
