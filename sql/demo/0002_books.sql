-- 0002_books.sql: the demo business's books for its current financial
-- year (April to March): opening capital, rent, wages, bank fees, goods
-- bought for resale with input GST, sales with output GST within the
-- state and one with IGST across states, customers paying, two export
-- sales in USD paid later at another rate (an exchange gain, an exchange
-- loss), and one entry reversed and posted again.  Every date is counted
-- from the year's first day and only those up to today are posted.  Safe
-- to load again: nothing is posted once the opening entry (source 'demo')
-- exists.
--
-- These are the months before the business kept its stock and documents
-- in Bursar, so they must agree with what the integrity check compares
-- (lib/commerce/integrity.h): nothing here touches the inventory account
-- (the goods of those months were bought and sold within the month, their
-- cost posted straight to cost of goods sold; the stock on hand comes in
-- through receipts and bills in scripts/demo_commerce.sh, at cost), and a
-- sale or purchase on account is posted only together with the payment
-- that settles it, so the receivable and payable accounts hold exactly
-- what the open invoices and bills say.
BEGIN;
SELECT set_config('bursar.tenant_id', 'de300000-0000-4000-8000-000000000001', true);

-- demo_post: one entry through ledger_post, when its date has come
CREATE FUNCTION pg_temp.demo_post(d date, memo text, stype text, sid text,
	accts text[], drs bigint[], crs bigint[], cur text DEFAULT 'INR',
	taxes text[] DEFAULT NULL) RETURNS uuid LANGUAGE sql AS $$
	SELECT ledger_post(d, memo, stype, sid, cur, NULL, NULL, accts, drs, crs,
	                   NULL, taxes, NULL, NULL)
	WHERE d <= current_date
$$;

DO $$
DECLARE
	y fiscal_years;
	m int; d0 date; mon text; eid uuid;
	net bigint; half bigint; igst bigint; amt bigint; cogs bigint;
	fx_sale numeric; fx_paid numeric; usd bigint; inr_sale bigint; inr_paid bigint;
	n int := 0;
	customers text[] := ARRAY['Asha Traders', 'Kaveri Retail', 'Sunrise Stores',
	                          'Lotus Mart', 'Green Leaf Foods', 'Nandi Provisions'];
BEGIN
	IF EXISTS (SELECT 1 FROM journal_entries WHERE source_type = 'demo'
	           AND tenant_id = bursar_tenant()) THEN
		RETURN;
	END IF;
	SELECT * INTO y FROM fiscal_years WHERE tenant_id = bursar_tenant()
	   AND start_date <= current_date AND end_date >= current_date;
	IF NOT FOUND THEN
		PERFORM books_open_year(make_date(extract(year FROM current_date - interval '3 months')::int, 4, 1));
		SELECT * INTO y FROM fiscal_years WHERE tenant_id = bursar_tenant()
		   AND start_date <= current_date AND end_date >= current_date;
	END IF;

	PERFORM pg_temp.demo_post(y.start_date, 'Opening capital brought in by the owner',
		'demo', 'opening', ARRAY['1200', '3100'], ARRAY[250000000, 0], ARRAY[0, 250000000]);

	FOR m IN 0 .. 11 LOOP
		d0 := (y.start_date + make_interval(months => m))::date;
		EXIT WHEN d0 > current_date;
		mon := to_char(d0, 'FMMonth YYYY');

		PERFORM pg_temp.demo_post(d0, 'Rent for ' || mon || ', 12 MG Road', 'bill',
			'RENT-' || to_char(d0, 'YYYY-MM'),
			ARRAY['5400', '1200'], ARRAY[4500000, 0], ARRAY[0, 4500000]);

		-- two sales a month within Karnataka (GST 18%), each paid ten days
		-- later: posted once the payment has come
		cogs := 0;
		FOR k IN 0 .. 1 LOOP
			n := n + 1;
			net := 28000000 + ((m * 31 + k * 17) % 11) * 1237500;
			half := (net * 9 + 50) / 100;
			cogs := cogs + net * 62 / 100;
			CONTINUE WHEN d0 + 19 + 12 * k > current_date;
			eid := pg_temp.demo_post(d0 + 9 + 12 * k, 'Sale to ' || customers[1 + (m * 2 + k) % 6] ||
				', invoice INV-' || lpad(n::text, 4, '0'), 'invoice', 'INV-' || lpad(n::text, 4, '0'),
				ARRAY['1300', '4100', '2210', '2220'], ARRAY[net + 2 * half, 0, 0, 0],
				ARRAY[0, net, half, half], 'INR', ARRAY[NULL, NULL, 'GST18', 'GST18']);
			PERFORM pg_temp.demo_post(d0 + 19 + 12 * k, 'Received from ' ||
				customers[1 + (m * 2 + k) % 6] || ' for INV-' || lpad(n::text, 4, '0'),
				'receipt', 'RCPT-' || lpad(n::text, 4, '0'), ARRAY['1200', '1300'],
				ARRAY[net + 2 * half, 0], ARRAY[0, net + 2 * half]);
		END LOOP;
		IF m % 3 = 1 THEN
			cogs := cogs + (42500000 + m * 210000)::bigint * 62 / 100;
		END IF;

		-- the month's goods from the wholesaler, with CGST and SGST at 9%
		-- each, paid on the 20th: their cost is the cost of what the month
		-- sold (62% of its sales), posted when the payment has come
		half := (cogs * 9 + 50) / 100;
		IF d0 + 19 <= current_date THEN
			PERFORM pg_temp.demo_post(d0 + 4, 'Goods for resale, Malabar Wholesale bill MW/' ||
				to_char(d0, 'YYMM') || '/' || (101 + m), 'bill', 'MW-' || to_char(d0, 'YYMM'),
				ARRAY['5100', '1510', '1520', '2100'], ARRAY[cogs, half, half, 0],
				ARRAY[0, 0, 0, cogs + 2 * half], 'INR', ARRAY[NULL, 'GST18', 'GST18', NULL]);
			PERFORM pg_temp.demo_post(d0 + 19, 'Payment to Malabar Wholesale', 'payment',
				'PAY-' || to_char(d0, 'YYMM'), ARRAY['2100', '1200'],
				ARRAY[cogs + 2 * half, 0], ARRAY[0, cogs + 2 * half]);
		END IF;

		-- across states every third month: IGST 18%, paid the next month
		IF m % 3 = 1 THEN
			n := n + 1;
			net := 42500000 + m * 210000;
			igst := (net * 18 + 50) / 100;
			IF d0 + 44 <= current_date THEN
				PERFORM pg_temp.demo_post(d0 + 14, 'Sale to Deccan Distributors, Hyderabad, invoice INV-' ||
					lpad(n::text, 4, '0'), 'invoice', 'INV-' || lpad(n::text, 4, '0'),
					ARRAY['1300', '4100', '2230'], ARRAY[net + igst, 0, 0], ARRAY[0, net, igst],
					'INR', ARRAY[NULL, NULL, 'IGST18']);
				PERFORM pg_temp.demo_post(d0 + 44, 'Received from Deccan Distributors for INV-' ||
					lpad(n::text, 4, '0'), 'receipt', 'RCPT-' || lpad(n::text, 4, '0'),
					ARRAY['1200', '1300'], ARRAY[net + igst, 0], ARRAY[0, net + igst]);
			END IF;
		END IF;

		-- export sales in USD (zero-rated): July's paid at a better rate
		-- (an exchange gain), October's at a worse one (a loss)
		IF m IN (3, 6) THEN
			n := n + 1;
			usd := CASE m WHEN 3 THEN 425000 ELSE 318760 END;
			fx_sale := CASE m WHEN 3 THEN 83.2450 ELSE 84.1175 END;
			fx_paid := CASE m WHEN 3 THEN 83.9125 ELSE 83.6020 END;
			INSERT INTO exchange_rates (tenant_id, currency, rate_date, rate)
			SELECT bursar_tenant(), 'USD', v.d, v.rate
			  FROM (VALUES (d0 + 12, fx_sale), (d0 + 40, fx_paid)) v(d, rate)
			 WHERE v.d <= current_date
			ON CONFLICT DO NOTHING;
			IF d0 + 40 <= current_date THEN
				PERFORM pg_temp.demo_post(d0 + 12, 'Export sale to Blue Harbor Imports LLC, Boston, invoice INV-' ||
					lpad(n::text, 4, '0'), 'invoice', 'INV-' || lpad(n::text, 4, '0'),
					ARRAY['1300', '4100'], ARRAY[usd, 0], ARRAY[0, usd], 'USD');
				-- the dollars arrive at the day's rate; the receivable was
				-- booked at the sale's rate: the difference is realised
				PERFORM pg_temp.demo_post(d0 + 40, 'Received from Blue Harbor Imports LLC for INV-' ||
					lpad(n::text, 4, '0'), 'receipt', 'RCPT-' || lpad(n::text, 4, '0'),
					ARRAY['1200', '1300'], ARRAY[usd, 0], ARRAY[0, usd], 'USD');
				inr_sale := round(usd * fx_sale);
				inr_paid := round(usd * fx_paid);
				IF inr_paid > inr_sale THEN
					PERFORM pg_temp.demo_post(d0 + 40, 'Exchange gain on INV-' || lpad(n::text, 4, '0'),
						'receipt', 'RCPT-' || lpad(n::text, 4, '0'), ARRAY['1300', '@fx_gain'],
						ARRAY[inr_paid - inr_sale, 0], ARRAY[0, inr_paid - inr_sale]);
				ELSE
					PERFORM pg_temp.demo_post(d0 + 40, 'Exchange loss on INV-' || lpad(n::text, 4, '0'),
						'receipt', 'RCPT-' || lpad(n::text, 4, '0'), ARRAY['@fx_loss', '1300'],
						ARRAY[inr_sale - inr_paid, 0], ARRAY[0, inr_sale - inr_paid]);
				END IF;
			END IF;
		END IF;

		-- wages: accrued on the month's last day, paid on the 7th
		amt := 18500000 + CASE WHEN m >= 6 THEN 1200000 ELSE 0 END;
		PERFORM pg_temp.demo_post((d0 + interval '1 month' - interval '1 day')::date,
			'Wages for ' || mon, 'payroll', 'PR-' || to_char(d0, 'YYYY-MM'),
			ARRAY['5200', '2300'], ARRAY[amt, 0], ARRAY[0, amt]);
		PERFORM pg_temp.demo_post((d0 + interval '1 month' + interval '6 days')::date,
			'Wages paid for ' || mon, 'payment', 'PR-' || to_char(d0, 'YYYY-MM'),
			ARRAY['2300', '1200'], ARRAY[amt, 0], ARRAY[0, amt]);

		-- the bank's charges on the 28th
		amt := 35400 + (m % 4) * 11800;
		PERFORM pg_temp.demo_post(d0 + 27, 'Bank charges, ' || mon, 'bank', 'HDFC-' || to_char(d0, 'YYYY-MM'),
			ARRAY['5300', '1200'], ARRAY[amt, 0], ARRAY[0, amt]);

		-- May: office supplies keyed as 12,500 instead of 1,250; reversed
		-- the next day and posted again
		IF m = 1 THEN
			eid := pg_temp.demo_post(d0 + 7, 'Office supplies, Sapna Stationers', 'manual', '',
				ARRAY['5500', '1200'], ARRAY[1250000, 0], ARRAY[0, 1250000]);
			IF eid IS NOT NULL AND d0 + 8 <= current_date THEN
				PERFORM ledger_reverse(eid, d0 + 8, 'Reversal: office supplies keyed as 12,500, not 1,250', NULL);
				PERFORM pg_temp.demo_post(d0 + 8, 'Office supplies, Sapna Stationers', 'manual', '',
					ARRAY['5500', '1200'], ARRAY[125000, 0], ARRAY[0, 125000]);
			END IF;
		END IF;
	END LOOP;
END $$;
COMMIT;
