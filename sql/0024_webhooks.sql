-- 0024_webhooks.sql: outbound webhooks.  A subscription names a target
-- URL and the event types it wants; the dispatcher (cron/webhook_dispatch)
-- turns each outbox event into one delivery per matching subscription,
-- sends it signed the Standard Webhooks way, and records every attempt.
-- Deliveries are claimed FOR UPDATE SKIP LOCKED with a lease, so two
-- dispatchers never send one attempt twice, and one killed mid-send
-- leaves its deliveries to be claimed again when the lease runs out.

INSERT INTO permissions (name, description) VALUES
	('webhooks.manage', 'Subscribe integrations to events, see and replay deliveries');
INSERT INTO role_permissions (tenant_id, role_id, permission)
	SELECT r.tenant_id, r.id, 'webhooks.manage' FROM roles r
	WHERE r.builtin AND r.name IN ('owner', 'admin');

CREATE TABLE webhook_subscriptions (
	tenant_id      uuid        NOT NULL REFERENCES tenants (id),
	id             uuid        NOT NULL DEFAULT gen_random_uuid(),
	url            text        NOT NULL CHECK (url ~ '^https?://' AND length(url) <= 2000),
	event_types    text[]      NOT NULL CHECK (cardinality(event_types) BETWEEN 1 AND 100),
	description    text        NOT NULL DEFAULT '' CHECK (length(description) <= 500),
	active         boolean     NOT NULL DEFAULT true,
	timeout_s      int         NOT NULL DEFAULT 10 CHECK (timeout_s BETWEEN 1 AND 30),
	-- seconds to wait after each failed attempt; one retry per entry
	retry_schedule int[]       NOT NULL DEFAULT '{5,30,120,600,3600,21600,86400}'
	               CHECK (cardinality(retry_schedule) BETWEEN 0 AND 20
	                      AND 0 < ALL (retry_schedule) AND 604800 >= ALL (retry_schedule)),
	-- this many failed attempts in a row disable the subscription
	failure_limit  int         NOT NULL DEFAULT 30 CHECK (failure_limit BETWEEN 1 AND 1000),
	failures       int         NOT NULL DEFAULT 0,
	disabled_reason text,
	secret         text        NOT NULL CHECK (secret ~ '^whsec_[A-Za-z0-9+/=]{32,88}$'),
	-- after a rotation the old secret still signs, beside the new one
	previous_secret text,
	previous_until timestamptz,
	created_at     timestamptz NOT NULL DEFAULT now(),
	updated_at     timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (tenant_id, id),
	UNIQUE (id)
);

CREATE TABLE webhook_deliveries (
	tenant_id       uuid        NOT NULL,
	id              uuid        NOT NULL DEFAULT gen_random_uuid(),
	subscription_id uuid        NOT NULL,
	event_id        uuid,        -- NULL for webhook.test
	event_type      text        NOT NULL,
	-- webhook-id: the same on every retry, so receivers drop duplicates
	msg_id          text        NOT NULL,
	body            text        NOT NULL,
	status          text        NOT NULL DEFAULT 'pending'
	                CHECK (status IN ('pending', 'succeeded', 'failed')),
	attempts        int         NOT NULL DEFAULT 0,
	next_at         timestamptz NOT NULL DEFAULT now(),
	leased_until    timestamptz,
	last_code       int,
	last_error      text,
	created_at      timestamptz NOT NULL DEFAULT now(),
	finished_at     timestamptz,
	PRIMARY KEY (tenant_id, id),
	UNIQUE (id),
	FOREIGN KEY (tenant_id, subscription_id)
		REFERENCES webhook_subscriptions (tenant_id, id) ON DELETE CASCADE
);
-- one delivery per event and subscription, however often fan-out runs
CREATE UNIQUE INDEX webhook_deliveries_once ON webhook_deliveries (subscription_id, event_id)
	WHERE event_id IS NOT NULL;
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_list ON webhook_deliveries (tenant_id, subscription_id, created_at DESC, id DESC);

CREATE TABLE webhook_attempts (
	tenant_id    uuid        NOT NULL,
	delivery_id  uuid        NOT NULL,
	n            int         NOT NULL,
	started_at   timestamptz NOT NULL,
	duration_ms  int         NOT NULL,
	status_code  int,
	response     text,        -- the first 4 KB of the body
	error        text,
	PRIMARY KEY (tenant_id, delivery_id, n),
	FOREIGN KEY (tenant_id, delivery_id)
		REFERENCES webhook_deliveries (tenant_id, id) ON DELETE CASCADE
);

-- what the tenant's admins are told in the app (a subscription disabled)
CREATE TABLE notices (
	tenant_id  uuid        NOT NULL REFERENCES tenants (id),
	id         uuid        NOT NULL DEFAULT gen_random_uuid(),
	audience   text        NOT NULL CHECK (audience IN ('admins')),
	kind       text        NOT NULL,
	message    text        NOT NULL,
	link       text,
	created_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (tenant_id, id)
);

-- the dispatcher's place in the outbox (one row, across tenants)
CREATE TABLE webhook_cursor (
	one boolean PRIMARY KEY DEFAULT true CHECK (one),
	seq bigint  NOT NULL
);
INSERT INTO webhook_cursor (seq) SELECT coalesce(max(seq), 0) FROM outbox_events;

DO $$
DECLARE t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['webhook_subscriptions', 'webhook_deliveries',
	                         'webhook_attempts', 'notices']
	LOOP
		EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
		EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
		EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = bursar_tenant()) '
		               'WITH CHECK (tenant_id = bursar_tenant())', t);
	END LOOP;
END $$;

-- webhook_body: the JSON a receiver gets for an event
CREATE FUNCTION webhook_body(p_id uuid, p_type text, p_at timestamptz, p_data jsonb)
RETURNS text LANGUAGE sql IMMUTABLE AS $$
	SELECT json_build_object('id', p_id, 'type', p_type,
		'timestamp', to_char(p_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
		'data', p_data)::text
$$;

-- webhook_fanout: up to n outbox events past the cursor (only those no
-- running transaction can still precede, as outbox_fetch does) become one
-- delivery per active subscription of their tenant that wants the type.
-- The cursor row's lock makes concurrent fan-outs take turns.
-- Returns the number of events it took (n: there may be more).  A payload
-- too large to send is replaced by the event's id and "truncated".
CREATE FUNCTION webhook_fanout(n int) RETURNS int
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE from_seq bigint; to_seq bigint; taken int; made int;
BEGIN
	SELECT seq INTO from_seq FROM webhook_cursor FOR UPDATE;
	SELECT max(seq), count(*) INTO to_seq, taken FROM (
		SELECT seq FROM outbox_events
		WHERE seq > from_seq AND xid < pg_snapshot_xmin(pg_current_snapshot())
		ORDER BY seq LIMIT n) s;
	IF to_seq IS NULL THEN
		RETURN 0;
	END IF;
	INSERT INTO webhook_deliveries (tenant_id, subscription_id, event_id,
		event_type, msg_id, body)
	SELECT e.tenant_id, s.id, e.id, e.type, 'msg_' || replace(gen_random_uuid()::text, '-', ''),
		CASE WHEN octet_length(e.payload::text) <= 250000
			THEN webhook_body(e.id, e.type, e.occurred_at, e.payload)
			ELSE webhook_body(e.id, e.type, e.occurred_at, jsonb_build_object(
				'id', e.payload->'id', 'truncated', true)) END
	FROM outbox_events e
	JOIN webhook_subscriptions s ON s.tenant_id = e.tenant_id AND s.active
		AND (e.type = ANY (s.event_types) OR '*' = ANY (s.event_types))
	WHERE e.seq > from_seq AND e.seq <= to_seq
	  AND e.xid < pg_snapshot_xmin(pg_current_snapshot())
	ON CONFLICT DO NOTHING;
	GET DIAGNOSTICS made = ROW_COUNT;
	UPDATE webhook_cursor SET seq = to_seq;
	IF made > 0 THEN
		PERFORM pg_notify('webhook_due', '');
	END IF;
	RETURN taken;
END $$;

-- webhook_claim: up to n due deliveries, leased for their timeout and 5 s
-- more (at most lease_s seconds); a
-- dispatcher killed mid-send leaves them to the next claim after that.
-- The previous secret is handed out while it is still valid.
CREATE FUNCTION webhook_claim(n int, lease_s int)
RETURNS TABLE (tenant_id uuid, id uuid, url text, msg_id text, body text,
	secret text, previous_secret text, timeout_s int, attempts int)
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
	WITH due AS (
		SELECT d.tenant_id, d.id FROM webhook_deliveries d
		WHERE d.status = 'pending' AND d.next_at <= now()
		  AND (d.leased_until IS NULL OR d.leased_until < now())
		ORDER BY d.next_at LIMIT n FOR UPDATE SKIP LOCKED
	), leased AS (
		-- the lease outlasts the request's timeout, so only a dispatcher
		-- that died lets it run out
		UPDATE webhook_deliveries d SET leased_until = now() +
			make_interval(secs => least(lease_s, s.timeout_s + 5))
		FROM due, webhook_subscriptions s
		WHERE d.tenant_id = due.tenant_id AND d.id = due.id
		  AND s.tenant_id = d.tenant_id AND s.id = d.subscription_id
		RETURNING d.*
	)
	SELECT l.tenant_id, l.id, s.url, l.msg_id, l.body, s.secret,
		CASE WHEN s.previous_until > now() THEN s.previous_secret END,
		s.timeout_s, l.attempts
	FROM leased l JOIN webhook_subscriptions s
		ON s.tenant_id = l.tenant_id AND s.id = l.subscription_id
$$;

-- webhook_attempted: one attempt's outcome.  2xx succeeds; 410 Gone
-- disables the subscription; anything else waits the schedule's next
-- delay (with up to 10% jitter) or, past its end, fails.  A run of
-- failure_limit failed attempts disables the subscription and tells the
-- tenant's admins.
CREATE FUNCTION webhook_attempted(p_tenant uuid, p_id uuid, p_started timestamptz,
	p_ms int, p_code int, p_response text, p_error text) RETURNS text
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE d webhook_deliveries; s webhook_subscriptions; ok boolean; outcome text;
BEGIN
	SELECT * INTO d FROM webhook_deliveries
		WHERE tenant_id = p_tenant AND id = p_id FOR UPDATE;
	IF NOT FOUND OR d.status <> 'pending' THEN
		RETURN 'gone';
	END IF;
	SELECT * INTO s FROM webhook_subscriptions
		WHERE tenant_id = p_tenant AND id = d.subscription_id FOR UPDATE;
	INSERT INTO webhook_attempts (tenant_id, delivery_id, n, started_at,
		duration_ms, status_code, response, error)
	VALUES (p_tenant, p_id, d.attempts + 1, p_started, p_ms, p_code,
		left(p_response, 4096), left(p_error, 1000));
	ok := p_code BETWEEN 200 AND 299;
	IF ok THEN
		outcome := 'succeeded';
	ELSIF p_code = 410 OR d.attempts + 1 > cardinality(s.retry_schedule) THEN
		outcome := 'failed';
	ELSE
		outcome := 'pending';
	END IF;
	UPDATE webhook_deliveries SET attempts = attempts + 1, status = outcome,
		last_code = p_code, last_error = left(p_error, 1000), leased_until = NULL,
		finished_at = CASE WHEN outcome <> 'pending' THEN now() END,
		next_at = CASE WHEN outcome = 'pending' THEN now() + make_interval(secs =>
			s.retry_schedule[d.attempts + 1] * (1 + random() * 0.1)) ELSE next_at END
	WHERE tenant_id = p_tenant AND id = p_id;
	IF ok THEN
		UPDATE webhook_subscriptions SET failures = 0
			WHERE tenant_id = p_tenant AND id = s.id AND failures <> 0;
	ELSIF p_code = 410 OR s.failures + 1 >= s.failure_limit THEN
		UPDATE webhook_subscriptions SET active = false, failures = failures + 1,
			disabled_reason = CASE WHEN p_code = 410
				THEN 'the receiver answered 410 Gone'
				ELSE format('%s failed attempts in a row', s.failures + 1) END,
			updated_at = now()
			WHERE tenant_id = p_tenant AND id = s.id;
		IF s.active THEN
			INSERT INTO notices (tenant_id, audience, kind, message, link)
			VALUES (p_tenant, 'admins', 'webhook.disabled',
				format('The webhook to %s was disabled: %s.', s.url,
					CASE WHEN p_code = 410 THEN 'the receiver answered 410 Gone'
					ELSE format('%s failed attempts in a row', s.failures + 1) END),
				'/app/webhooks/' || s.id);
		END IF;
	ELSE
		UPDATE webhook_subscriptions SET failures = failures + 1
			WHERE tenant_id = p_tenant AND id = s.id;
	END IF;
	RETURN outcome;
END $$;

-- the dispatcher's doors through RLS; not the web's to open
REVOKE ALL ON FUNCTION webhook_fanout(int), webhook_claim(int, int),
	webhook_attempted(uuid, uuid, timestamptz, int, int, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION webhook_fanout(int), webhook_claim(int, int),
	webhook_attempted(uuid, uuid, timestamptz, int, int, text, text) TO bursar_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON webhook_subscriptions TO bursar_app;
GRANT SELECT, INSERT, UPDATE ON webhook_deliveries TO bursar_app;
GRANT SELECT ON webhook_attempts TO bursar_app;
GRANT SELECT, DELETE ON notices TO bursar_app;

-- a committed event wakes the dispatcher (one notice per transaction)
CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_notify('outbox_new', '');
	RETURN NULL;
END $$;
CREATE TRIGGER outbox_events_notify AFTER INSERT ON outbox_events
	FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();
