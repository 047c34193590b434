-- 0010_parties.sql: what lib/party and lib/product need beyond the
-- commerce schema: a party's next code, the list indexes, and deleting an
-- unused product category.

-- party_next_code: 'C-00001', 'S-00001': one more than the highest code of
-- that shape in the business.  The per-tenant advisory lock makes two
-- parties created at once take turns; it is held until the transaction
-- ends, so a rollback gives the code back.
CREATE FUNCTION party_next_code(p_prefix text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE n bigint;
BEGIN
	IF p_prefix !~ '^[A-Z]{1,4}$' THEN
		RAISE EXCEPTION 'bad code prefix %', p_prefix USING ERRCODE = 'invalid_parameter_value';
	END IF;
	PERFORM pg_advisory_xact_lock(hashtext('party_code:' || bursar_tenant()::text || p_prefix));
	SELECT coalesce(max(substr(code, length(p_prefix) + 2)::bigint), 0) + 1 INTO n
	  FROM parties
	 WHERE code ~ ('^' || p_prefix || '-[0-9]{1,12}$');
	RETURN p_prefix || '-' || lpad(n::text, 5, '0');
END $$;
GRANT EXECUTE ON FUNCTION party_next_code(text) TO bursar_app;

-- newest first, for the lists
CREATE INDEX parties_newest ON parties (tenant_id, created_at DESC, id DESC);
CREATE INDEX products_newest ON products (tenant_id, created_at DESC, id DESC);
CREATE INDEX products_category ON products (tenant_id, category_id);

-- a category no product uses may go (the foreign key refuses the others)
GRANT DELETE ON product_categories TO bursar_app;
