-- 0012_orders.sql: an Idempotency-Key answers its first response again for
-- 24 hours (lib/idem); after that it is swept by the hourly cleanup rather
-- than only when the same key comes back.
CREATE FUNCTION idempotency_cleanup() RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE n bigint;
BEGIN
	DELETE FROM idempotency_keys WHERE created_at < now() - interval '24 hours';
	GET DIAGNOSTICS n = ROW_COUNT;
	RETURN n;
END $$;

REVOKE ALL ON FUNCTION idempotency_cleanup() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION idempotency_cleanup() TO bursar_app;
