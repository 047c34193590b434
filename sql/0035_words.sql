-- 0035_words.sql: how the business writes amounts and dates on its pages.
--
-- number_format: 'indian' (12,34,567.89: lakh and crore), 'western'
-- (1,234,567.89) or 'continental' (1.234.567,89, a decimal comma, which
-- forms then also accept).  date_format: how pages show a date.  Both are
-- for people only: the API and files keep minor units and ISO dates.  A
-- new business gets the usual ones of its currency (an INR business
-- Indian grouping and DD/MM/YYYY) unless it names its own.
ALTER TABLE tenants
	ADD COLUMN number_format text CHECK (number_format IN ('indian', 'western', 'continental')),
	ADD COLUMN date_format text CHECK (date_format IN ('DD/MM/YYYY', 'MM/DD/YYYY', 'DD.MM.YYYY', 'YYYY-MM-DD'));

-- tenants_formats: the currency's usual formats for what was not given
CREATE FUNCTION tenants_formats() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	NEW.number_format := coalesce(NEW.number_format, CASE NEW.base_currency
		WHEN 'INR' THEN 'indian'
		WHEN 'EUR' THEN 'continental'
		ELSE 'western' END);
	NEW.date_format := coalesce(NEW.date_format, CASE
		WHEN NEW.base_currency = 'INR' THEN 'DD/MM/YYYY'
		WHEN NEW.base_currency = 'EUR' THEN 'DD.MM.YYYY'
		ELSE 'YYYY-MM-DD' END);
	RETURN NEW;
END $$;

CREATE TRIGGER tenants_formats BEFORE INSERT OR UPDATE OF number_format, date_format ON tenants
	FOR EACH ROW EXECUTE FUNCTION tenants_formats();

UPDATE tenants SET number_format = NULL, date_format = NULL;
ALTER TABLE tenants ALTER COLUMN number_format SET NOT NULL,
	ALTER COLUMN date_format SET NOT NULL;
