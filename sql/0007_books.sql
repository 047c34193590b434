-- 0007_books.sql: the books.  Chart of accounts, financial years and
-- periods, currencies and exchange rates, tax rates and groups, and the
-- journal.  The journal's invariants are the database's, not only the
-- C code's: every entry balances (in its own currency and in the base
-- currency) and has at least two lines, checked when its transaction
-- commits; nothing posted is ever updated or deleted (corrections are
-- reversal entries); nothing posts into a closed period or to an archived
-- or group account.  Each posted entry is chained by hash per tenant, at
-- commit, over its header, its lines and the previous entry's hash.

-- ISO 4217: minor-unit digits decide how every amount is written and read.
CREATE TABLE currencies (
	code        char(3)  PRIMARY KEY CHECK (code ~ '^[A-Z]{3}$'),
	minor_units smallint NOT NULL CHECK (minor_units BETWEEN 0 AND 4),
	name        text     NOT NULL
);
INSERT INTO currencies (code, minor_units, name) VALUES
	('AED', 2, 'UAE dirham'), ('ARS', 2, 'Argentine peso'),
	('AUD', 2, 'Australian dollar'), ('BDT', 2, 'Bangladeshi taka'),
	('BHD', 3, 'Bahraini dinar'), ('BRL', 2, 'Brazilian real'),
	('CAD', 2, 'Canadian dollar'), ('CHF', 2, 'Swiss franc'),
	('CLP', 0, 'Chilean peso'), ('CNY', 2, 'Chinese yuan'),
	('COP', 2, 'Colombian peso'), ('CZK', 2, 'Czech koruna'),
	('DKK', 2, 'Danish krone'), ('EGP', 2, 'Egyptian pound'),
	('EUR', 2, 'Euro'), ('GBP', 2, 'Pound sterling'),
	('HKD', 2, 'Hong Kong dollar'), ('HUF', 2, 'Hungarian forint'),
	('IDR', 2, 'Indonesian rupiah'), ('ILS', 2, 'Israeli new shekel'),
	('INR', 2, 'Indian rupee'), ('IQD', 3, 'Iraqi dinar'),
	('ISK', 0, 'Icelandic krona'), ('JOD', 3, 'Jordanian dinar'),
	('JPY', 0, 'Japanese yen'), ('KES', 2, 'Kenyan shilling'),
	('KRW', 0, 'South Korean won'), ('KWD', 3, 'Kuwaiti dinar'),
	('LKR', 2, 'Sri Lankan rupee'), ('LYD', 3, 'Libyan dinar'),
	('MAD', 2, 'Moroccan dirham'), ('MXN', 2, 'Mexican peso'),
	('MYR', 2, 'Malaysian ringgit'), ('NGN', 2, 'Nigerian naira'),
	('NOK', 2, 'Norwegian krone'), ('NPR', 2, 'Nepalese rupee'),
	('NZD', 2, 'New Zealand dollar'), ('OMR', 3, 'Omani rial'),
	('PHP', 2, 'Philippine peso'), ('PKR', 2, 'Pakistani rupee'),
	('PLN', 2, 'Polish zloty'), ('QAR', 2, 'Qatari riyal'),
	('RON', 2, 'Romanian leu'), ('SAR', 2, 'Saudi riyal'),
	('SEK', 2, 'Swedish krona'), ('SGD', 2, 'Singapore dollar'),
	('THB', 2, 'Thai baht'), ('TND', 3, 'Tunisian dinar'),
	('TRY', 2, 'Turkish lira'), ('TWD', 2, 'New Taiwan dollar'),
	('UAH', 2, 'Ukrainian hryvnia'), ('UGX', 0, 'Ugandan shilling'),
	('USD', 2, 'US dollar'), ('VND', 0, 'Vietnamese dong'),
	('XAF', 0, 'Central African CFA franc'), ('XOF', 0, 'West African CFA franc'),
	('ZAR', 2, 'South African rand');
ALTER TABLE tenants ADD FOREIGN KEY (base_currency) REFERENCES currencies (code);

-- a tenant's book-keeping choices
CREATE TABLE books_settings (
	tenant_id    uuid PRIMARY KEY REFERENCES tenants (id),
	-- per line: each line's tax is rounded; per document: each tax
	-- component's total is rounded once and shared out over the lines
	tax_rounding text NOT NULL DEFAULT 'line' CHECK (tax_rounding IN ('line', 'document')),
	year_start_month smallint NOT NULL DEFAULT 1 CHECK (year_start_month BETWEEN 1 AND 12)
);

CREATE TABLE accounts (
	tenant_id uuid    NOT NULL REFERENCES tenants (id),
	id        uuid    NOT NULL DEFAULT gen_random_uuid(),
	code      text    NOT NULL CHECK (code ~ '^[0-9A-Za-z][0-9A-Za-z.-]{0,19}$'),
	name      text    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	type      text    NOT NULL CHECK (type IN ('asset', 'liability', 'equity', 'income', 'expense')),
	parent_id uuid,
	is_group  boolean NOT NULL DEFAULT false,	-- a heading: sums, takes no postings
	-- what the other modules post to: receivable, sales, rounding, ...
	role      text    CHECK (role ~ '^[a-z_]{1,40}$'),
	archived  boolean NOT NULL DEFAULT false,
	PRIMARY KEY (tenant_id, id),
	UNIQUE (tenant_id, code),
	UNIQUE (tenant_id, role),
	FOREIGN KEY (tenant_id, parent_id) REFERENCES accounts (tenant_id, id)
);

-- a parent is a group of the same type, and the tree has no cycles
CREATE FUNCTION accounts_check_parent() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE p accounts; hops int := 0; cur uuid := NEW.parent_id;
BEGIN
	IF NEW.parent_id IS NULL THEN
		RETURN NEW;
	END IF;
	SELECT * INTO p FROM accounts WHERE tenant_id = NEW.tenant_id AND id = NEW.parent_id;
	IF p.type <> NEW.type OR NOT p.is_group THEN
		RAISE EXCEPTION 'the parent of % must be a group account of type %', NEW.code, NEW.type
			USING ERRCODE = 'check_violation';
	END IF;
	WHILE cur IS NOT NULL LOOP
		IF cur = NEW.id OR hops > 50 THEN
			RAISE EXCEPTION 'account % cannot be its own ancestor', NEW.code
				USING ERRCODE = 'check_violation';
		END IF;
		SELECT parent_id INTO cur FROM accounts WHERE tenant_id = NEW.tenant_id AND id = cur;
		hops := hops + 1;
	END LOOP;
	RETURN NEW;
END $$;
CREATE TRIGGER accounts_parent BEFORE INSERT OR UPDATE OF parent_id, type ON accounts
	FOR EACH ROW EXECUTE FUNCTION accounts_check_parent();

CREATE TABLE fiscal_years (
	tenant_id  uuid    NOT NULL REFERENCES tenants (id),
	id         uuid    NOT NULL DEFAULT gen_random_uuid(),
	name       text    NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
	start_date date    NOT NULL,
	end_date   date    NOT NULL CHECK (end_date > start_date),
	closed     boolean NOT NULL DEFAULT false,
	closing_entry_id uuid,
	PRIMARY KEY (tenant_id, id),
	UNIQUE (tenant_id, start_date),
	UNIQUE (tenant_id, name)
);

CREATE TABLE periods (
	tenant_id  uuid    NOT NULL,
	id         uuid    NOT NULL DEFAULT gen_random_uuid(),
	year_id    uuid    NOT NULL,
	name       text    NOT NULL,
	start_date date    NOT NULL,
	end_date   date    NOT NULL CHECK (end_date >= start_date),
	closed     boolean NOT NULL DEFAULT false,
	PRIMARY KEY (tenant_id, id),
	UNIQUE (tenant_id, start_date),
	FOREIGN KEY (tenant_id, year_id) REFERENCES fiscal_years (tenant_id, id)
);
CREATE INDEX periods_dates ON periods (tenant_id, start_date, end_date);

-- years never overlap, so a date has at most one period
CREATE FUNCTION fiscal_years_no_overlap() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF EXISTS (SELECT 1 FROM fiscal_years y WHERE y.tenant_id = NEW.tenant_id
	           AND y.id <> NEW.id AND y.start_date <= NEW.end_date
	           AND NEW.start_date <= y.end_date) THEN
		RAISE EXCEPTION 'the year % overlaps another year', NEW.name
			USING ERRCODE = 'exclusion_violation';
	END IF;
	RETURN NEW;
END $$;
CREATE TRIGGER fiscal_years_overlap BEFORE INSERT OR UPDATE OF start_date, end_date
	ON fiscal_years FOR EACH ROW EXECUTE FUNCTION fiscal_years_no_overlap();

-- a closed year stays closed: its periods cannot reopen
CREATE FUNCTION periods_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF OLD.closed AND NOT NEW.closed AND EXISTS (SELECT 1 FROM fiscal_years y
	    WHERE y.tenant_id = NEW.tenant_id AND y.id = NEW.year_id AND y.closed) THEN
		RAISE EXCEPTION 'the period % belongs to a closed year', NEW.name
			USING ERRCODE = 'check_violation';
	END IF;
	IF (NEW.start_date, NEW.end_date, NEW.year_id) IS DISTINCT FROM
	   (OLD.start_date, OLD.end_date, OLD.year_id) THEN
		RAISE EXCEPTION 'a period''s dates are fixed' USING ERRCODE = 'check_violation';
	END IF;
	RETURN NEW;
END $$;
CREATE TRIGGER periods_guard BEFORE UPDATE ON periods
	FOR EACH ROW EXECUTE FUNCTION periods_guard();

-- rate: units of the base currency for one unit of the currency
CREATE TABLE exchange_rates (
	tenant_id uuid          NOT NULL REFERENCES tenants (id),
	currency  char(3)       NOT NULL REFERENCES currencies (code),
	rate_date date          NOT NULL,
	rate      numeric(24, 10) NOT NULL CHECK (rate > 0),
	PRIMARY KEY (tenant_id, currency, rate_date)
);

-- A tax rate is one component (CGST 9%, VAT 20%), with versions by date:
-- the rate in force on a document's date applies.  Rates are parts per
-- million (9% = 90000), so tax is exact integer arithmetic.
CREATE TABLE tax_rates (
	tenant_id  uuid   NOT NULL REFERENCES tenants (id),
	id         uuid   NOT NULL DEFAULT gen_random_uuid(),
	code       text   NOT NULL CHECK (code ~ '^[A-Za-z0-9_.-]{1,20}$'),
	name       text   NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
	rate_ppm   bigint NOT NULL CHECK (rate_ppm BETWEEN 0 AND 10000000),
	valid_from date   NOT NULL DEFAULT '2000-01-01',
	valid_to   date,
	sales_account_id    uuid NOT NULL,	-- tax collected: a liability
	purchase_account_id uuid NOT NULL,	-- tax paid, to reclaim: an asset
	PRIMARY KEY (tenant_id, id),
	UNIQUE (tenant_id, code, valid_from),
	CHECK (valid_to IS NULL OR valid_to >= valid_from),
	FOREIGN KEY (tenant_id, sales_account_id) REFERENCES accounts (tenant_id, id),
	FOREIGN KEY (tenant_id, purchase_account_id) REFERENCES accounts (tenant_id, id)
);

-- A tax group is what a line chooses: one or more components, each
-- posting to its own accounts (GST18 = CGST9 + SGST9; IGST18; VAT20).
CREATE TABLE tax_groups (
	tenant_id uuid    NOT NULL REFERENCES tenants (id),
	id        uuid    NOT NULL DEFAULT gen_random_uuid(),
	code      text    NOT NULL CHECK (code ~ '^[A-Za-z0-9_.-]{1,20}$'),
	name      text    NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
	inclusive boolean NOT NULL DEFAULT false,	-- prices include the tax
	archived  boolean NOT NULL DEFAULT false,
	PRIMARY KEY (tenant_id, id),
	UNIQUE (tenant_id, code)
);
CREATE TABLE tax_group_components (
	tenant_id uuid     NOT NULL,
	group_id  uuid     NOT NULL,
	position  smallint NOT NULL CHECK (position BETWEEN 1 AND 4),
	rate_code text     NOT NULL,
	PRIMARY KEY (tenant_id, group_id, position),
	UNIQUE (tenant_id, group_id, rate_code),
	FOREIGN KEY (tenant_id, group_id) REFERENCES tax_groups (tenant_id, id) ON DELETE CASCADE
);

-- tax_components: the components of a group in force on a date, in order;
-- nothing when the group is unknown or a component has no rate that day.
CREATE FUNCTION tax_components(p_group text, p_date date)
RETURNS TABLE (rate_code text, name text, rate_ppm bigint, inclusive boolean,
               sales_account text, purchase_account text)
LANGUAGE sql STABLE AS $$
	SELECT c.rate_code, r.name, r.rate_ppm, g.inclusive, sa.code, pa.code
	FROM tax_groups g
	JOIN tax_group_components c ON c.tenant_id = g.tenant_id AND c.group_id = g.id
	JOIN tax_rates r ON r.tenant_id = c.tenant_id AND r.code = c.rate_code
	 AND r.valid_from <= p_date AND (r.valid_to IS NULL OR r.valid_to >= p_date)
	JOIN accounts sa ON sa.tenant_id = r.tenant_id AND sa.id = r.sales_account_id
	JOIN accounts pa ON pa.tenant_id = r.tenant_id AND pa.id = r.purchase_account_id
	WHERE g.code = p_group AND NOT g.archived
	ORDER BY c.position
$$;

CREATE TABLE journal_entries (
	tenant_id   uuid    NOT NULL REFERENCES tenants (id),
	id          uuid    NOT NULL DEFAULT gen_random_uuid(),
	entry_date  date    NOT NULL,
	memo        text    NOT NULL DEFAULT '' CHECK (length(memo) <= 500),
	source_type text    NOT NULL DEFAULT 'manual' CHECK (source_type ~ '^[a-z_]{1,40}$'),
	source_id   text    NOT NULL DEFAULT '' CHECK (length(source_id) <= 100),
	currency    char(3) NOT NULL REFERENCES currencies (code),
	-- base units per unit of currency (1 when it is the base currency)
	rate        numeric(24, 10) NOT NULL DEFAULT 1 CHECK (rate > 0),
	reversal_of uuid,
	created_by  uuid,
	created_at  timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (tenant_id, id),
	UNIQUE (tenant_id, id, entry_date),
	FOREIGN KEY (tenant_id, reversal_of) REFERENCES journal_entries (tenant_id, id)
);
-- an entry is reversed at most once
CREATE UNIQUE INDEX journal_entries_reversal ON journal_entries (tenant_id, reversal_of)
	WHERE reversal_of IS NOT NULL;
CREATE INDEX journal_entries_date ON journal_entries (tenant_id, entry_date);
CREATE INDEX journal_entries_source ON journal_entries (tenant_id, source_type, source_id);

-- Amounts: debit and credit in the base currency's minor units (what the
-- books add up); tx_debit and tx_credit in the entry's currency.  The
-- entry date is repeated here (kept true by the foreign key) so balances
-- at a date read this table alone.
CREATE TABLE journal_lines (
	tenant_id  uuid    NOT NULL,
	entry_id   uuid    NOT NULL,
	entry_date date    NOT NULL,
	line_no    smallint NOT NULL CHECK (line_no >= 1),
	account_id uuid    NOT NULL,
	debit      bigint  NOT NULL DEFAULT 0,
	credit     bigint  NOT NULL DEFAULT 0,
	tx_debit   bigint  NOT NULL DEFAULT 0,
	tx_credit  bigint  NOT NULL DEFAULT 0,
	party_id   uuid,
	tax_code   text,
	memo       text    NOT NULL DEFAULT '' CHECK (length(memo) <= 200),
	PRIMARY KEY (tenant_id, entry_id, line_no),
	CHECK (debit >= 0 AND credit >= 0 AND tx_debit >= 0 AND tx_credit >= 0),
	CHECK (debit = 0 OR credit = 0),
	CHECK (tx_debit = 0 OR tx_credit = 0),
	FOREIGN KEY (tenant_id, entry_id, entry_date)
		REFERENCES journal_entries (tenant_id, id, entry_date),
	FOREIGN KEY (tenant_id, account_id) REFERENCES accounts (tenant_id, id)
);
CREATE INDEX journal_lines_account ON journal_lines (tenant_id, account_id, entry_date)
	INCLUDE (debit, credit);
CREATE INDEX journal_lines_party ON journal_lines (tenant_id, party_id) WHERE party_id IS NOT NULL;

-- the chain: one row per posted entry, in posting order, never changed
CREATE TABLE ledger_chain (
	tenant_id uuid   NOT NULL,
	seq       bigint NOT NULL,
	entry_id  uuid   NOT NULL,
	prev_hash text   NOT NULL,
	hash      text   NOT NULL,
	PRIMARY KEY (tenant_id, seq),
	UNIQUE (tenant_id, entry_id),
	FOREIGN KEY (tenant_id, entry_id) REFERENCES journal_entries (tenant_id, id)
);

-- ledger_entry_hash: the one definition of a posted entry's hash
CREATE FUNCTION ledger_entry_hash(p_tenant uuid, p_entry uuid, p_seq bigint,
                                  p_prev text) RETURNS text
LANGUAGE sql STABLE AS $$
	SELECT encode(sha256(convert_to(concat_ws('|', p_prev, p_tenant, p_seq,
		e.id, e.entry_date, e.currency, e.rate, e.memo, e.source_type,
		e.source_id, coalesce(e.reversal_of::text, ''),
		(SELECT string_agg(concat_ws(',', l.line_no, l.account_id, l.debit,
		        l.credit, l.tx_debit, l.tx_credit,
		        coalesce(l.party_id::text, ''), coalesce(l.tax_code, ''),
		        l.memo), ';' ORDER BY l.line_no)
		 FROM journal_lines l
		 WHERE l.tenant_id = e.tenant_id AND l.entry_id = e.id)), 'UTF8')), 'hex')
	FROM journal_entries e WHERE e.tenant_id = p_tenant AND e.id = p_entry
$$;

-- Before an entry goes in: its date falls in an open period.  The period
-- is locked against closing until this transaction ends.
CREATE FUNCTION journal_entry_open_period() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE p periods;
BEGIN
	SELECT * INTO p FROM periods WHERE tenant_id = NEW.tenant_id
	   AND start_date <= NEW.entry_date AND end_date >= NEW.entry_date
	   FOR SHARE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no financial period covers %', NEW.entry_date
			USING ERRCODE = 'check_violation', HINT = 'open a financial year first';
	END IF;
	IF p.closed THEN
		RAISE EXCEPTION 'the period % is closed', p.name
			USING ERRCODE = 'check_violation';
	END IF;
	RETURN NEW;
END $$;
CREATE TRIGGER journal_entries_period BEFORE INSERT ON journal_entries
	FOR EACH ROW EXECUTE FUNCTION journal_entry_open_period();

-- A line joins only an entry still being posted (not yet chained), to an
-- account that takes postings.
CREATE FUNCTION journal_line_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE a accounts;
BEGIN
	IF EXISTS (SELECT 1 FROM ledger_chain c WHERE c.tenant_id = NEW.tenant_id
	           AND c.entry_id = NEW.entry_id) THEN
		RAISE EXCEPTION 'entry % is posted: it cannot take more lines', NEW.entry_id
			USING ERRCODE = 'integrity_constraint_violation';
	END IF;
	SELECT * INTO a FROM accounts WHERE tenant_id = NEW.tenant_id AND id = NEW.account_id;
	IF a.archived OR a.is_group THEN
		RAISE EXCEPTION 'account % takes no postings (%)', a.code,
			CASE WHEN a.archived THEN 'archived' ELSE 'a group' END
			USING ERRCODE = 'check_violation';
	END IF;
	RETURN NEW;
END $$;
CREATE TRIGGER journal_lines_check BEFORE INSERT ON journal_lines
	FOR EACH ROW EXECUTE FUNCTION journal_line_check();

-- At commit: the entry balances and has two lines or more; then it is
-- chained.  One poster per tenant at a time, only while committing.
CREATE FUNCTION journal_entry_post() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE n int; dr bigint; cr bigint; tdr bigint; tcr bigint; last record;
BEGIN
	SELECT count(*), coalesce(sum(debit), 0), coalesce(sum(credit), 0),
	       coalesce(sum(tx_debit), 0), coalesce(sum(tx_credit), 0)
	  INTO n, dr, cr, tdr, tcr
	  FROM journal_lines WHERE tenant_id = NEW.tenant_id AND entry_id = NEW.id;
	IF n < 2 THEN
		RAISE EXCEPTION 'entry % has % line(s): at least two are needed', NEW.id, n
			USING ERRCODE = 'check_violation';
	END IF;
	IF dr <> cr OR tdr <> tcr THEN
		RAISE EXCEPTION 'entry % does not balance: debits % and credits %',
			NEW.id, dr, cr USING ERRCODE = 'check_violation';
	END IF;
	IF dr = 0 THEN
		RAISE EXCEPTION 'entry % moves nothing', NEW.id USING ERRCODE = 'check_violation';
	END IF;
	PERFORM pg_advisory_xact_lock(hashtext('ledger:' || NEW.tenant_id::text));
	SELECT seq, hash INTO last FROM ledger_chain WHERE tenant_id = NEW.tenant_id
		ORDER BY seq DESC LIMIT 1;
	INSERT INTO ledger_chain (tenant_id, seq, entry_id, prev_hash, hash)
	VALUES (NEW.tenant_id, coalesce(last.seq, 0) + 1, NEW.id,
	        coalesce(last.hash, repeat('0', 64)),
	        ledger_entry_hash(NEW.tenant_id, NEW.id, coalesce(last.seq, 0) + 1,
	                          coalesce(last.hash, repeat('0', 64))));
	RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER journal_entries_post AFTER INSERT ON journal_entries
	DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION journal_entry_post();

CREATE FUNCTION ledger_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'posted entries are never changed: post a reversal instead'
		USING ERRCODE = 'integrity_constraint_violation';
END $$;
CREATE TRIGGER journal_entries_immutable BEFORE UPDATE OR DELETE ON journal_entries
	FOR EACH ROW EXECUTE FUNCTION ledger_immutable();
CREATE TRIGGER journal_lines_immutable BEFORE UPDATE OR DELETE ON journal_lines
	FOR EACH ROW EXECUTE FUNCTION ledger_immutable();
CREATE TRIGGER ledger_chain_immutable BEFORE UPDATE OR DELETE ON ledger_chain
	FOR EACH ROW EXECUTE FUNCTION ledger_immutable();

-- ledger_post: the one way an entry is written.  Accounts are given by
-- code or by role ('@receivable'); amounts are in the entry's currency's
-- minor units, one of debit or credit per line.  A foreign currency is
-- converted line by line at p_rate, or else the latest rate on or before
-- the date: base = round(tx * rate * 10^(base digits - tx digits)), half
-- away from zero.  When the rounded lines do not balance, the difference
-- goes to the '@rounding' account as one more line.  Returns the entry id.
CREATE FUNCTION ledger_post(p_date date, p_memo text, p_source_type text,
	p_source_id text, p_currency text, p_rate numeric, p_reversal_of uuid,
	p_accounts text[], p_debits bigint[], p_credits bigint[],
	p_parties uuid[], p_tax_codes text[], p_memos text[], p_user uuid)
RETURNS uuid LANGUAGE plpgsql AS $$
DECLARE
	t uuid := bursar_tenant();
	base text; bdig int; tdig int; rate numeric; eid uuid;
	n int := coalesce(array_length(p_accounts, 1), 0);
	acct uuid; bd bigint; bc bigint; sum_d bigint := 0; sum_c bigint := 0;
	scale numeric;
BEGIN
	IF t IS NULL THEN
		RAISE EXCEPTION 'no tenant' USING ERRCODE = 'insufficient_privilege';
	END IF;
	IF n < 2 OR coalesce(array_length(p_debits, 1), 0) <> n
	   OR coalesce(array_length(p_credits, 1), 0) <> n THEN
		RAISE EXCEPTION 'an entry needs two lines or more, each with a debit and a credit'
			USING ERRCODE = 'check_violation';
	END IF;
	SELECT te.base_currency, cb.minor_units INTO base, bdig
	  FROM tenants te JOIN currencies cb ON cb.code = te.base_currency WHERE te.id = t;
	SELECT minor_units INTO tdig FROM currencies WHERE code = p_currency;
	IF tdig IS NULL THEN
		RAISE EXCEPTION 'unknown currency %', p_currency USING ERRCODE = 'check_violation';
	END IF;
	IF p_currency = base THEN
		rate := 1;
	ELSE
		rate := coalesce(p_rate, (SELECT x.rate FROM exchange_rates x
			WHERE x.tenant_id = t AND x.currency = p_currency AND x.rate_date <= p_date
			ORDER BY x.rate_date DESC LIMIT 1));
		IF rate IS NULL THEN
			RAISE EXCEPTION 'no exchange rate for % on or before %', p_currency, p_date
				USING ERRCODE = 'check_violation';
		END IF;
	END IF;
	scale := rate * power(10::numeric, bdig - tdig);
	INSERT INTO journal_entries (tenant_id, entry_date, memo, source_type, source_id,
	                             currency, rate, reversal_of, created_by)
	VALUES (t, p_date, coalesce(p_memo, ''), coalesce(p_source_type, 'manual'),
	        coalesce(p_source_id, ''), p_currency, rate, p_reversal_of, p_user)
	RETURNING id INTO eid;
	FOR i IN 1 .. n LOOP
		IF p_debits[i] < 0 OR p_credits[i] < 0 OR (p_debits[i] > 0 AND p_credits[i] > 0) THEN
			RAISE EXCEPTION 'line %: one of debit or credit, not negative', i
				USING ERRCODE = 'check_violation';
		END IF;
		IF left(p_accounts[i], 1) = '@' THEN
			SELECT id INTO acct FROM accounts WHERE tenant_id = t AND role = substr(p_accounts[i], 2);
		ELSE
			SELECT id INTO acct FROM accounts WHERE tenant_id = t AND code = p_accounts[i];
		END IF;
		IF acct IS NULL THEN
			RAISE EXCEPTION 'line %: no account %', i, p_accounts[i]
				USING ERRCODE = 'foreign_key_violation';
		END IF;
		bd := round(p_debits[i] * scale);
		bc := round(p_credits[i] * scale);
		sum_d := sum_d + bd;
		sum_c := sum_c + bc;
		INSERT INTO journal_lines (tenant_id, entry_id, entry_date, line_no, account_id,
		                           debit, credit, tx_debit, tx_credit, party_id, tax_code, memo)
		VALUES (t, eid, p_date, i, acct, bd, bc, p_debits[i], p_credits[i],
		        p_parties[i], nullif(p_tax_codes[i], ''), coalesce(p_memos[i], ''));
		acct := NULL;
	END LOOP;
	IF sum_d <> sum_c THEN
		SELECT id INTO acct FROM accounts WHERE tenant_id = t AND role = 'rounding';
		INSERT INTO journal_lines (tenant_id, entry_id, entry_date, line_no, account_id,
		                           debit, credit, memo)
		VALUES (t, eid, p_date, n + 1, acct, greatest(sum_c - sum_d, 0),
		        greatest(sum_d - sum_c, 0), 'currency rounding');
	END IF;
	RETURN eid;
END $$;

-- ledger_reverse: the correction of a posted entry: the same lines with
-- debit and credit swapped, in the same amounts (base and transaction),
-- on p_date.  An entry is reversed once; a reversal is not reversed.
CREATE FUNCTION ledger_reverse(p_entry uuid, p_date date, p_memo text, p_user uuid)
RETURNS uuid LANGUAGE plpgsql AS $$
DECLARE e journal_entries; eid uuid;
BEGIN
	SELECT * INTO e FROM journal_entries WHERE tenant_id = bursar_tenant() AND id = p_entry;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no entry %', p_entry USING ERRCODE = 'no_data_found';
	END IF;
	IF e.reversal_of IS NOT NULL THEN
		RAISE EXCEPTION 'a reversal is not reversed: post a new entry'
			USING ERRCODE = 'check_violation';
	END IF;
	INSERT INTO journal_entries (tenant_id, entry_date, memo, source_type, source_id,
	                             currency, rate, reversal_of, created_by)
	VALUES (e.tenant_id, p_date, coalesce(nullif(p_memo, ''), 'Reversal: ' || e.memo),
	        e.source_type, e.source_id, e.currency, e.rate, e.id, p_user)
	RETURNING id INTO eid;
	INSERT INTO journal_lines (tenant_id, entry_id, entry_date, line_no, account_id,
	                           debit, credit, tx_debit, tx_credit, party_id, tax_code, memo)
	SELECT tenant_id, eid, p_date, line_no, account_id, credit, debit, tx_credit,
	       tx_debit, party_id, tax_code, memo
	FROM journal_lines WHERE tenant_id = e.tenant_id AND entry_id = e.id;
	RETURN eid;
END $$;

-- books_close_year: the year-end close.  One closing entry on the year's
-- last day zeroes every income and expense account into retained
-- earnings; then every period and the year close.  Returns the entry's
-- id (NULL when there was nothing to carry).
CREATE FUNCTION books_close_year(p_year uuid, p_user uuid) RETURNS uuid
LANGUAGE plpgsql AS $$
DECLARE y fiscal_years; base text; accts text[]; drs bigint[]; crs bigint[];
	net bigint; eid uuid;
BEGIN
	SELECT * INTO y FROM fiscal_years WHERE tenant_id = bursar_tenant() AND id = p_year FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no year %', p_year USING ERRCODE = 'no_data_found';
	END IF;
	IF y.closed THEN
		RAISE EXCEPTION 'the year % is already closed', y.name USING ERRCODE = 'check_violation';
	END IF;
	IF EXISTS (SELECT 1 FROM fiscal_years p WHERE p.tenant_id = y.tenant_id
	           AND p.start_date < y.start_date AND NOT p.closed) THEN
		RAISE EXCEPTION 'close the earlier years first' USING ERRCODE = 'check_violation';
	END IF;
	SELECT base_currency INTO base FROM tenants WHERE id = y.tenant_id;
	-- each account's balance for the year, reversed
	SELECT array_agg(a.code ORDER BY a.code),
	       array_agg(greatest(b.cr - b.dr, 0) ORDER BY a.code),
	       array_agg(greatest(b.dr - b.cr, 0) ORDER BY a.code),
	       sum(b.dr - b.cr)
	  INTO accts, drs, crs, net
	  FROM (SELECT account_id, sum(debit) dr, sum(credit) cr FROM journal_lines
	        WHERE tenant_id = y.tenant_id AND entry_date BETWEEN y.start_date AND y.end_date
	        GROUP BY account_id) b
	  JOIN accounts a ON a.tenant_id = y.tenant_id AND a.id = b.account_id
	 WHERE a.type IN ('income', 'expense') AND b.dr <> b.cr;
	IF accts IS NOT NULL THEN
		-- the profit (credit) or loss (debit) lands in retained earnings
		accts := accts || '@retained_earnings'::text;
		drs := drs || greatest(net, 0);
		crs := crs || greatest(-net, 0);
		eid := ledger_post(y.end_date, 'Year-end close ' || y.name, 'year_close',
		                   y.id::text, base, NULL, NULL, accts, drs, crs,
		                   NULL, NULL, NULL, p_user);
	END IF;
	UPDATE periods SET closed = true WHERE tenant_id = y.tenant_id AND year_id = y.id;
	UPDATE fiscal_years SET closed = true, closing_entry_id = eid
	 WHERE tenant_id = y.tenant_id AND id = y.id;
	RETURN eid;
END $$;

-- ledger_verify: recomputes the current tenant's chain in order; the
-- first entry that breaks it (its seq, id and what is wrong), or no row.
-- A posted entry missing from the chain breaks it too.
CREATE FUNCTION ledger_verify() RETURNS TABLE (seq bigint, entry_id uuid, problem text)
LANGUAGE plpgsql STABLE AS $$
DECLARE c ledger_chain; prev text := repeat('0', 64); want bigint := 1;
BEGIN
	FOR c IN SELECT * FROM ledger_chain WHERE tenant_id = bursar_tenant() ORDER BY ledger_chain.seq LOOP
		IF c.seq <> want THEN
			RETURN QUERY SELECT want, NULL::uuid, 'entry missing from the chain'::text;
			RETURN;
		END IF;
		IF c.prev_hash <> prev THEN
			RETURN QUERY SELECT c.seq, c.entry_id, 'link to the previous entry broken'::text;
			RETURN;
		END IF;
		IF c.hash IS DISTINCT FROM ledger_entry_hash(c.tenant_id, c.entry_id, c.seq, c.prev_hash) THEN
			RETURN QUERY SELECT c.seq, c.entry_id, 'content changed since it was posted'::text;
			RETURN;
		END IF;
		prev := c.hash;
		want := want + 1;
	END LOOP;
	RETURN QUERY SELECT NULL::bigint, e.id, 'posted but not chained'::text
		FROM journal_entries e WHERE e.tenant_id = bursar_tenant()
		AND NOT EXISTS (SELECT 1 FROM ledger_chain k WHERE k.tenant_id = e.tenant_id
		                AND k.entry_id = e.id)
		ORDER BY e.created_at LIMIT 1;
END $$;

-- books_open_year: a financial year of twelve monthly periods from a
-- month's first day.  Returns the year's id.
CREATE FUNCTION books_open_year(p_start date) RETURNS uuid LANGUAGE plpgsql AS $$
DECLARE y uuid; t uuid := bursar_tenant(); e date;
BEGIN
	IF extract(day FROM p_start) <> 1 THEN
		RAISE EXCEPTION 'a year starts on the first day of a month' USING ERRCODE = 'check_violation';
	END IF;
	e := (p_start + interval '1 year' - interval '1 day')::date;
	INSERT INTO fiscal_years (tenant_id, name, start_date, end_date)
	VALUES (t, CASE WHEN extract(month FROM p_start) = 1 THEN to_char(p_start, 'YYYY')
	                ELSE to_char(p_start, 'YYYY') || '-' || to_char(e, 'YY') END,
	        p_start, e)
	RETURNING id INTO y;
	INSERT INTO periods (tenant_id, year_id, name, start_date, end_date)
	SELECT t, y, to_char(m, 'YYYY-MM'), m::date, (m + interval '1 month' - interval '1 day')::date
	FROM generate_series(p_start::timestamp, e::timestamp, interval '1 month') m;
	RETURN y;
END $$;

-- tenant_seed_books: a new business's chart, settings, tax and this
-- year.  India's GST for an INR business (CGST+SGST within a state, IGST
-- across), one VAT rate elsewhere; every rate can be changed.
CREATE FUNCTION tenant_seed_books(tid uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE base text; start_month int; y date;
BEGIN
	SELECT base_currency INTO base FROM tenants WHERE id = tid;
	start_month := CASE WHEN base = 'INR' THEN 4 ELSE 1 END;
	INSERT INTO books_settings (tenant_id, year_start_month) VALUES (tid, start_month);
	INSERT INTO accounts (tenant_id, code, name, type, is_group, role)
	SELECT tid, v.code, v.name, v.type, v.grp, v.role FROM (VALUES
		('1000', 'Assets', 'asset', true, NULL),
		('2000', 'Liabilities', 'liability', true, NULL),
		('3000', 'Equity', 'equity', true, NULL),
		('4000', 'Income', 'income', true, NULL),
		('5000', 'Expenses', 'expense', true, NULL)) v(code, name, type, grp, role);
	INSERT INTO accounts (tenant_id, code, name, type, parent_id, role)
	SELECT tid, v.code, v.name, p.type, p.id, v.role FROM (VALUES
		('1100', 'Cash', '1000', 'cash'),
		('1200', 'Bank', '1000', 'bank'),
		('1300', 'Accounts receivable', '1000', 'receivable'),
		('1400', 'Inventory', '1000', 'inventory'),
		('1500', 'Tax receivable', '1000', 'tax_receivable'),
		('2100', 'Accounts payable', '2000', 'payable'),
		('2200', 'Tax payable', '2000', 'tax_payable'),
		('2300', 'Wages payable', '2000', 'wages_payable'),
		('3100', 'Owner''s capital', '3000', 'capital'),
		('3200', 'Retained earnings', '3000', 'retained_earnings'),
		('4100', 'Sales', '4000', 'sales'),
		('4200', 'Services', '4000', 'services'),
		('4800', 'Exchange gains', '4000', 'fx_gain'),
		('5100', 'Cost of goods sold', '5000', 'cogs'),
		('5200', 'Wages', '5000', 'wages'),
		('5300', 'Bank fees', '5000', 'fees'),
		('5400', 'Rent', '5000', 'rent'),
		('5500', 'General expenses', '5000', 'expense'),
		('5800', 'Exchange losses', '5000', 'fx_loss'),
		('5900', 'Rounding', '5000', 'rounding')) v(code, name, parent, role)
	JOIN accounts p ON p.tenant_id = tid AND p.code = v.parent;
	IF base = 'INR' THEN
		INSERT INTO accounts (tenant_id, code, name, type, parent_id)
		SELECT tid, v.code, v.name, p.type, p.id FROM (VALUES
			('1510', 'Input CGST', '1000'), ('1520', 'Input SGST', '1000'),
			('1530', 'Input IGST', '1000'), ('2210', 'Output CGST', '2000'),
			('2220', 'Output SGST', '2000'), ('2230', 'Output IGST', '2000')) v(code, name, parent)
		JOIN accounts p ON p.tenant_id = tid AND p.code = v.parent;
		INSERT INTO tax_rates (tenant_id, code, name, rate_ppm, sales_account_id, purchase_account_id)
		SELECT tid, v.code, v.name, v.ppm, s.id, pu.id FROM (VALUES
			('CGST9', 'CGST 9%', 90000, '2210', '1510'),
			('SGST9', 'SGST 9%', 90000, '2220', '1520'),
			('IGST18', 'IGST 18%', 180000, '2230', '1530'),
			('CGST2.5', 'CGST 2.5%', 25000, '2210', '1510'),
			('SGST2.5', 'SGST 2.5%', 25000, '2220', '1520'),
			('IGST5', 'IGST 5%', 50000, '2230', '1530')) v(code, name, ppm, sa, pa)
		JOIN accounts s ON s.tenant_id = tid AND s.code = v.sa
		JOIN accounts pu ON pu.tenant_id = tid AND pu.code = v.pa;
		INSERT INTO tax_groups (tenant_id, code, name) VALUES
			(tid, 'GST18', 'GST 18% within the state'), (tid, 'IGST18', 'IGST 18% across states'),
			(tid, 'GST5', 'GST 5% within the state'), (tid, 'IGST5', 'IGST 5% across states');
		INSERT INTO tax_group_components (tenant_id, group_id, position, rate_code)
		SELECT tid, g.id, v.pos, v.rate FROM (VALUES
			('GST18', 1, 'CGST9'), ('GST18', 2, 'SGST9'), ('IGST18', 1, 'IGST18'),
			('GST5', 1, 'CGST2.5'), ('GST5', 2, 'SGST2.5'), ('IGST5', 1, 'IGST5')) v(grp, pos, rate)
		JOIN tax_groups g ON g.tenant_id = tid AND g.code = v.grp;
	ELSE
		INSERT INTO tax_rates (tenant_id, code, name, rate_ppm, sales_account_id, purchase_account_id)
		SELECT tid, 'VAT20', 'VAT 20%', 200000, s.id, pu.id FROM accounts s, accounts pu
		WHERE s.tenant_id = tid AND s.role = 'tax_payable'
		  AND pu.tenant_id = tid AND pu.role = 'tax_receivable';
		INSERT INTO tax_groups (tenant_id, code, name) VALUES (tid, 'VAT20', 'VAT 20%');
		INSERT INTO tax_group_components (tenant_id, group_id, position, rate_code)
		SELECT tid, id, 1, 'VAT20' FROM tax_groups WHERE tenant_id = tid AND code = 'VAT20';
	END IF;
	y := make_date(extract(year FROM current_date)::int, start_month, 1);
	IF y > current_date THEN
		y := (y - interval '1 year')::date;
	END IF;
	PERFORM set_config('bursar.tenant_id', tid::text, true);
	PERFORM books_open_year(y);
END $$;

DO $$
DECLARE t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['books_settings', 'accounts', 'fiscal_years', 'periods',
	                         'exchange_rates', 'tax_rates', 'tax_groups',
	                         'tax_group_components', 'journal_entries', 'journal_lines',
	                         'ledger_chain']
	LOOP
		EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
		EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
		EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = bursar_tenant()) '
		               'WITH CHECK (tenant_id = bursar_tenant())', t);
	END LOOP;
END $$;

INSERT INTO permissions (name, description) VALUES
	('ledger.manage', 'Set up accounts, years and periods, currencies and taxes; close periods');
INSERT INTO role_permissions (tenant_id, role_id, permission)
	SELECT r.tenant_id, r.id, 'ledger.manage' FROM roles r
	WHERE r.builtin AND r.name IN ('owner', 'admin', 'accountant');

GRANT SELECT ON currencies TO bursar_app;
GRANT SELECT, INSERT, UPDATE ON books_settings, accounts, fiscal_years, periods,
	tax_rates, tax_groups TO bursar_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON exchange_rates, tax_group_components TO bursar_app;
-- the journal: written, never changed; the chain written only at commit
GRANT SELECT, INSERT ON journal_entries, journal_lines TO bursar_app;
GRANT SELECT ON ledger_chain TO bursar_app;
GRANT EXECUTE ON FUNCTION ledger_post(date, text, text, text, text, numeric, uuid, text[],
	bigint[], bigint[], uuid[], text[], text[], uuid), ledger_verify(),
	ledger_entry_hash(uuid, uuid, bigint, text), books_open_year(date),
	ledger_reverse(uuid, date, text, uuid), books_close_year(uuid, uuid),
	tenant_seed_books(uuid), tax_components(text, date) TO bursar_app;

-- the businesses that exist already get their books
SELECT tenant_seed_books(id) FROM tenants;
