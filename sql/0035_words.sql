-- 0035_words.sql: how the business writes amounts and dates on its pages.
--
-- number_format: 'indian' (12,34,567.89: lakh and crore), 'western'
-- (1,234,567.89) or 'continental' (1.234.567,89, a decimal comma, which
-- forms then also accept).  date_format: how pages show a date.  Both are
-- for people only: the API and files keep minor units and ISO dates.  A
-- new business gets Indian grouping and DD/MM/YYYY when its currency is
-- INR, Western grouping and YYYY-MM-DD otherwise, unless it names its own
-- (commerce settings).
ALTER TABLE tenants
	ADD COLUMN number_format text CHECK (number_format IN ('indian', 'western', 'continental')),
	ADD COLUMN date_format text CHECK (date_format IN ('DD/MM/YYYY', 'MM/DD/YYYY', 'DD.MM.YYYY', 'YYYY-MM-DD'));

-- tenants_formats: the currency's usual formats for what was not given
CREATE FUNCTION tenants_formats() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	NEW.number_format := coalesce(NEW.number_format,
		CASE WHEN NEW.base_currency = 'INR' THEN 'indian' ELSE 'western' END);
	NEW.date_format := coalesce(NEW.date_format,
		CASE WHEN NEW.base_currency = 'INR' THEN 'DD/MM/YYYY' ELSE 'YYYY-MM-DD' END);
	RETURN NEW;
END $$;

CREATE TRIGGER tenants_formats BEFORE INSERT OR UPDATE OF number_format, date_format ON tenants
	FOR EACH ROW EXECUTE FUNCTION tenants_formats();

UPDATE tenants SET number_format = NULL, date_format = NULL;
ALTER TABLE tenants ALTER COLUMN number_format SET NOT NULL,
	ALTER COLUMN date_format SET NOT NULL;

-- Sign-in by email alone -----------------------------------------------

-- auth_slug_by_email: the short name of the one business where p_email is
-- an active user with a password; NULL when it is none or more than one
-- (the caller then asks for the short name, and says the same whether it
-- was none or several).  SECURITY DEFINER: sign-in runs before a tenant
-- is known, and users are behind row-level security.
CREATE INDEX users_email ON users (email);

CREATE FUNCTION auth_slug_by_email(p_email text) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
	SELECT CASE WHEN count(*) = 1 THEN min(t.slug) END
	FROM users u JOIN tenants t ON t.id = u.tenant_id
	WHERE u.email = lower(p_email) AND u.active AND u.password_hash IS NOT NULL
$$;

-- auth_invitation_business: the business (name, short name) and email of
-- a live invitation by its token's hash, for the page that accepts it;
-- nothing for an unknown, used or expired one
CREATE FUNCTION auth_invitation_business(p_token_hash text)
RETURNS TABLE (name text, slug text, email text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
	SELECT t.name, t.slug, u.email
	FROM invitations i
	JOIN tenants t ON t.id = i.tenant_id
	JOIN users u ON u.tenant_id = i.tenant_id AND u.id = i.user_id
	WHERE i.token_hash = p_token_hash AND i.accepted_at IS NULL
	  AND i.expires_at > now() AND u.active
$$;

REVOKE ALL ON FUNCTION auth_slug_by_email(text), auth_invitation_business(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth_slug_by_email(text), auth_invitation_business(text) TO bursar_app;
