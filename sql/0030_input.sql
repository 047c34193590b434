-- 0030_input.sql: an Idempotency-Key belongs to the credential that sent
-- it, not only to its business: the same key from two API keys, or from
-- two users, names two different requests (one caller can neither replay
-- nor block another's).  credential is 'key:<api key id>' for an API
-- key, 'user:<user id>' for a session or access token, '' before sign-in.
ALTER TABLE idempotency_keys ADD COLUMN credential text NOT NULL DEFAULT ''
	CHECK (length(credential) <= 64);
ALTER TABLE idempotency_keys DROP CONSTRAINT idempotency_keys_pkey;
ALTER TABLE idempotency_keys ADD PRIMARY KEY (tenant_id, credential, key);
