-- orders_pgbench.sql: what Bursar's POST /api/v1/orders sends to
-- PostgreSQL for an order of five lines with "place": true, when the
-- business invoices on place (bench/orders.sh runs it with pgbench -M
-- prepared as the app role, against its bench-orders business).  Taken
-- from the statements lib/commerce/order.c, lib/commerce/stock.c,
-- lib/commerce/invoice.c, lib/books/taxdoc.c, lib/commerce/document.c,
-- lib/books/ledger.c, lib/db/outbox.c and cgi-bin/orders.c ran for one
-- such request (log_statement = all), in their order, as the same SQL;
-- the ids a statement returns feed the next ones through \gset.  What
-- differs: the money the C computes (lines, tax, totals) is written here
-- as the constants it comes to for the bench's five products; the
-- events' payloads are built with jsonb_build_object instead of sent as
-- text (a few parameters carry a cast pgbench needs to prepare them).
-- Each piece of work is done once: the tax components are read once (the
-- invoice's come from the same transaction's read), the lines of the new
-- order and invoice are written without deleting first, the invoice is
-- issued with the lines its draft wrote, the events of placing are held
-- and recorded with one statement, and the order's JSON is built once, by
-- the response's read (sql/0016_order_doc_once.sql; the deferred trigger
-- at COMMIT then finds it built).  Variables (pgbench -D):
-- tid (the business), uid (its owner), p1..p5 (the products BO-1..BO-5).

BEGIN READ WRITE;
SELECT set_config('bursar.tenant_id', :tid, true);

-- order_draft: the customer, the currency, the location, the lines'
-- products and prices, the tax components; the order, its lines and tax

SELECT id::text AS party, currency AS cur, current_date::text AS today, bursar_tenant()::text AS tenant, is_customer, is_supplier, archived FROM parties WHERE code = 'BO-CUST' \gset
SELECT 1 FROM currencies WHERE code = :cur;
SELECT id AS loc FROM locations WHERE NOT archived ORDER BY code LIMIT 1 \gset
SELECT p.id::text, p.name, p.tax_group, p.archived, (SELECT unit_price FROM product_prices x WHERE x.product_id = p.id AND x.currency = :cur) FROM unnest('{NULL,NULL,NULL,NULL,NULL}'::uuid[], '{BO-1,BO-2,BO-3,BO-4,BO-5}'::text[]) WITH ORDINALITY AS l(id, sku, n) LEFT JOIN products p ON p.id = coalesce(l.id, (SELECT s.id FROM products s WHERE s.sku = l.sku)) ORDER BY l.n;
SELECT coalesce((SELECT tax_rounding = 'document' FROM books_settings), false), g.code, c.rate_code, c.name, c.rate_ppm, c.inclusive, CASE WHEN false THEN c.purchase_account ELSE c.sales_account END FROM (SELECT DISTINCT code FROM unnest('{GST18,GST18,GST18,GST18,GST18}'::text[]) code WHERE code IS NOT NULL) g LEFT JOIN LATERAL tax_components(g.code, :today::date) c ON true ORDER BY g.code;
INSERT INTO orders (tenant_id, number, party_id, currency, location_id, order_date, reference, notes, net, tax, total, created_by) VALUES (bursar_tenant(), order_next_number(:today::date), :party::uuid, :cur, :loc::uuid, :today::date, 'BENCH-SQL', '', 149490, 26908, 176398, :uid::uuid) RETURNING id::text AS oid, number AS onum \gset
INSERT INTO order_lines (tenant_id, order_id, line_no, product_id, description, quantity, unit_price, discount_ppm, tax_group, net, tax, total) SELECT bursar_tenant(), :oid::uuid, x.n, x.p, x.d, x.q, x.up, x.dp, x.tg, x.ne, x.t, x.tot FROM unnest(ARRAY[:p1::uuid, :p2::uuid, :p3::uuid, :p4::uuid, :p5::uuid]::uuid[], '{"Bench product 1","Bench product 2","Bench product 3","Bench product 4","Bench product 5"}'::text[], '{1,1,1,1,1}'::bigint[], '{10099,20099,30099,40099,50099}'::bigint[], '{0,50000,0,0,0}'::int[], '{GST18,GST18,GST18,GST18,GST18}'::text[], '{10099,19094,30099,40099,50099}'::bigint[], '{1818,3436,5418,7218,9018}'::bigint[], '{11917,22530,35517,47317,59117}'::bigint[]) WITH ORDINALITY AS x(p, d, q, up, dp, tg, ne, t, tot, n);
INSERT INTO document_taxes (tenant_id, doc_type, doc_id, rate_code, name, account, tax) SELECT bursar_tenant(), 'order', :oid::uuid, x.r, x.n, x.a, x.t FROM unnest('{CGST9,SGST9}'::text[], '{"CGST 9%","SGST 9%"}'::text[], '{2210,2220}'::text[], '{13454,13454}'::bigint[]) AS x(r, n, a, t);
INSERT INTO outbox_events (tenant_id, type, payload) VALUES (:tid, 'order.created', jsonb_build_object('id', :oid::text, 'number', :onum::text, 'customer', :party::text, 'total', jsonb_build_object('amount', 176398, 'currency', :cur::text)));

-- order_place: lock, credit check, reserve every line (the products and
-- the location read once), placed; the events held
SAVEPOINT form_redraw;
SELECT o.status, o.number, o.party_id::text, o.location_id::text, o.currency, o.total, bursar_tenant()::text, s.invoice_on, o.order_date::text, o.reference, o.notes FROM orders o LEFT JOIN commerce_settings s ON s.tenant_id = o.tenant_id WHERE o.id = :oid::uuid FOR UPDATE OF o;
SELECT p.credit_limit, p.currency, p.name, coalesce((SELECT sum(CASE i.kind WHEN 'invoice' THEN 1 ELSE -1 END * (i.total - i.paid)) FROM invoices i WHERE i.party_id = p.id AND i.currency = p.currency AND i.status IN ('issued', 'partially_paid', 'overdue')), 0) + coalesce((SELECT sum(x.total) FROM orders x WHERE x.party_id = p.id AND x.currency = p.currency AND x.status IN ('placed', 'shipped') AND x.id <> :oid::uuid AND NOT EXISTS (SELECT 1 FROM invoices i WHERE i.order_id = x.id AND i.kind = 'invoice' AND i.status <> 'void')), 0) FROM parties p WHERE p.id = :party::uuid AND p.credit_limit IS NOT NULL FOR UPDATE;
SAVEPOINT order_place;
SELECT l.line_no, l.product_id::text, l.quantity, p.sku, p.reorder_level FROM order_lines l JOIN products p ON p.tenant_id = l.tenant_id AND p.id = l.product_id WHERE l.order_id = :oid::uuid AND p.tracked ORDER BY l.line_no;
SELECT id FROM locations WHERE id = :loc::uuid AND NOT archived;
WITH l AS (UPDATE stock_levels SET reserved = reserved + 1 WHERE product_id = :p1::uuid AND location_id = :loc::uuid AND on_hand - reserved >= 1 RETURNING on_hand - reserved AS available) INSERT INTO stock_reservations (tenant_id, product_id, location_id, qty, order_id, line_no, reference, created_by) SELECT bursar_tenant(), :p1::uuid, :loc::uuid, 1, :oid::uuid, 1, '', :uid::uuid FROM l RETURNING id::text AS rid, (SELECT available FROM l) AS available \gset l1_
WITH l AS (UPDATE stock_levels SET reserved = reserved + 1 WHERE product_id = :p2::uuid AND location_id = :loc::uuid AND on_hand - reserved >= 1 RETURNING on_hand - reserved AS available) INSERT INTO stock_reservations (tenant_id, product_id, location_id, qty, order_id, line_no, reference, created_by) SELECT bursar_tenant(), :p2::uuid, :loc::uuid, 1, :oid::uuid, 2, '', :uid::uuid FROM l RETURNING id::text AS rid, (SELECT available FROM l) AS available \gset l2_
WITH l AS (UPDATE stock_levels SET reserved = reserved + 1 WHERE product_id = :p3::uuid AND location_id = :loc::uuid AND on_hand - reserved >= 1 RETURNING on_hand - reserved AS available) INSERT INTO stock_reservations (tenant_id, product_id, location_id, qty, order_id, line_no, reference, created_by) SELECT bursar_tenant(), :p3::uuid, :loc::uuid, 1, :oid::uuid, 3, '', :uid::uuid FROM l RETURNING id::text AS rid, (SELECT available FROM l) AS available \gset l3_
WITH l AS (UPDATE stock_levels SET reserved = reserved + 1 WHERE product_id = :p4::uuid AND location_id = :loc::uuid AND on_hand - reserved >= 1 RETURNING on_hand - reserved AS available) INSERT INTO stock_reservations (tenant_id, product_id, location_id, qty, order_id, line_no, reference, created_by) SELECT bursar_tenant(), :p4::uuid, :loc::uuid, 1, :oid::uuid, 4, '', :uid::uuid FROM l RETURNING id::text AS rid, (SELECT available FROM l) AS available \gset l4_
WITH l AS (UPDATE stock_levels SET reserved = reserved + 1 WHERE product_id = :p5::uuid AND location_id = :loc::uuid AND on_hand - reserved >= 1 RETURNING on_hand - reserved AS available) INSERT INTO stock_reservations (tenant_id, product_id, location_id, qty, order_id, line_no, reference, created_by) SELECT bursar_tenant(), :p5::uuid, :loc::uuid, 1, :oid::uuid, 5, '', :uid::uuid FROM l RETURNING id::text AS rid, (SELECT available FROM l) AS available \gset l5_
RELEASE SAVEPOINT order_place;
UPDATE orders SET status = 'placed', doc = NULL, placed_at = CASE WHEN 'placed' = 'placed' THEN now() ELSE placed_at END, shipped_at = CASE WHEN 'placed' = 'shipped' THEN now() ELSE shipped_at END, completed_at = CASE WHEN 'placed' = 'completed' THEN now() ELSE completed_at END, cancelled_at = CASE WHEN 'placed' = 'cancelled' THEN now() ELSE cancelled_at END WHERE id = :oid::uuid;

-- invoice_order_once: the order locked with the invoice it may have, the
-- draft invoice with its lines and tax (the components read above)
SELECT o.party_id::text, o.currency, o.status, o.number, o.reference, o.notes, current_date::text, bursar_tenant()::text, EXISTS (SELECT 1 FROM invoices i WHERE i.order_id = o.id AND i.kind = 'invoice' AND i.status <> 'void'), (SELECT i.number FROM invoices i WHERE i.order_id = o.id AND i.kind = 'invoice' AND i.status <> 'void' LIMIT 1) FROM orders o WHERE o.id = :oid::uuid FOR UPDATE OF o;
SELECT l.product_id::text, l.description, p.unit, l.quantity, l.unit_price, l.discount_ppm, l.tax_group, CASE WHEN p.tracked THEN '@sales' ELSE '@services' END, l.line_no FROM order_lines l JOIN products p ON p.tenant_id = l.tenant_id AND p.id = l.product_id WHERE l.order_id = :oid::uuid ORDER BY l.line_no;
SELECT type, is_group, archived FROM accounts WHERE CASE WHEN left('@sales', 1) = '@' THEN role = substr('@sales', 2) ELSE code = '@sales' END;
INSERT INTO invoices (tenant_id, party_id, currency, issue_date, due_date, reference, notes, net, tax, total, created_by, kind, credit_of, order_id, billing_address) VALUES (bursar_tenant(), :party::uuid, :cur, NULL::date, NULL::date, 'BENCH-SQL', '', 149490, 26908, 176398, :uid::uuid, 'invoice', NULL::uuid, :oid::uuid, coalesce((SELECT concat_ws(E'\n', a.line1, nullif(a.line2, ''), nullif(concat_ws(' ', nullif(a.postal_code, ''), nullif(a.city, '')), ''), nullif(a.region, ''), a.country) FROM party_addresses a WHERE a.party_id = :party::uuid AND a.kind = 'billing' ORDER BY a.is_default DESC, a.id LIMIT 1), '')) RETURNING id::text AS iid \gset
INSERT INTO invoice_lines (tenant_id, invoice_id, line_no, product_id, description, quantity, unit, unit_price, discount_ppm, tax_group, account, net, tax, total, source_type, source_id) SELECT bursar_tenant(), :iid::uuid, x.n, x.p, x.d, x.q, x.u, x.up, x.dp, x.tg, x.a, x.ne, x.t, x.tot, x.st, x.si FROM unnest(ARRAY[:p1::uuid, :p2::uuid, :p3::uuid, :p4::uuid, :p5::uuid]::uuid[], '{"Bench product 1","Bench product 2","Bench product 3","Bench product 4","Bench product 5"}'::text[], '{1,1,1,1,1}'::bigint[], '{each,each,each,each,each}'::text[], '{10099,20099,30099,40099,50099}'::bigint[], '{0,50000,0,0,0}'::int[], '{GST18,GST18,GST18,GST18,GST18}'::text[], '{@sales,@sales,@sales,@sales,@sales}'::text[], '{10099,19094,30099,40099,50099}'::bigint[], '{1818,3436,5418,7218,9018}'::bigint[], '{11917,22530,35517,47317,59117}'::bigint[], '{order,order,order,order,order}'::text[], ARRAY[:oid::uuid, :oid::uuid, :oid::uuid, :oid::uuid, :oid::uuid]::uuid[]) WITH ORDINALITY AS x(p, d, q, u, up, dp, tg, a, ne, t, tot, st, si, n);
INSERT INTO document_taxes (tenant_id, doc_type, doc_id, rate_code, name, account, tax) SELECT bursar_tenant(), 'invoice', :iid::uuid, x.r, x.n, x.a, x.t FROM unnest('{CGST9,SGST9}'::text[], '{"CGST 9%","SGST 9%"}'::text[], '{2210,2220}'::text[], '{13454,13454}'::bigint[]) AS x(r, n, a, t);

-- the issue: lock, the gapless number, the posting (ledger_post: the
-- journal entry, its lines, the chain), issued, with the lines and tax
-- the draft wrote
SELECT i.kind, i.status, i.party_id::text, i.currency, coalesce(NULL::date, i.issue_date, current_date)::text AS idate, coalesce(i.due_date, CASE WHEN i.kind = 'invoice' THEN coalesce(NULL::date, i.issue_date, current_date) + p.terms_days ELSE coalesce(NULL::date, i.issue_date, current_date) END)::text AS ddate, bursar_tenant()::text, i.order_id::text, i.credit_of::text, (SELECT c.number FROM invoices c WHERE c.id = i.credit_of) FROM invoices i JOIN parties p ON p.tenant_id = i.tenant_id AND p.id = i.party_id WHERE i.id = :iid::uuid FOR UPDATE OF i \gset
SELECT doc_next_number('invoice', :idate::date) AS inum \gset
SELECT ledger_post(:idate::date, 'Invoice ' || :inum::text, 'invoice', :iid, coalesce(:cur, (SELECT base_currency FROM tenants WHERE id = bursar_tenant())), NULL::numeric, NULL::uuid, '{@receivable,@sales,2210,2220}'::text[], '{176398,0,0,0}'::bigint[], '{0,149490,13454,13454}'::bigint[], ARRAY[:party::uuid, NULL, NULL, NULL]::uuid[], '{NULL,NULL,CGST9,SGST9}'::text[], '{NULL,NULL,NULL,NULL}'::text[], :uid::uuid)::text AS eid \gset
UPDATE invoices SET status = 'issued', number = :inum, issue_date = :idate::date, due_date = :ddate::date, entry_id = :eid::uuid, net = 149490, tax = 26908, total = 176398, issued_at = now() WHERE id = :iid::uuid;

-- the held events, in their order, with one statement
INSERT INTO outbox_events (tenant_id, type, payload) SELECT x.t::uuid, x.y, x.p::jsonb FROM unnest(array_fill(:tid::text, ARRAY[8]), '{stock.reserved,stock.reserved,stock.reserved,stock.reserved,stock.reserved,order.placed,invoice.created,invoice.issued}'::text[], ARRAY[jsonb_build_object('id', :l1_rid::text, 'sku', 'BO-1', 'order_id', :oid::text, 'quantity', 1, 'available', :l1_available::bigint, 'reference', '', 'product_id', :p1::text, 'location_id', :loc::text)::text, jsonb_build_object('id', :l2_rid::text, 'sku', 'BO-2', 'order_id', :oid::text, 'quantity', 1, 'available', :l2_available::bigint, 'reference', '', 'product_id', :p2::text, 'location_id', :loc::text)::text, jsonb_build_object('id', :l3_rid::text, 'sku', 'BO-3', 'order_id', :oid::text, 'quantity', 1, 'available', :l3_available::bigint, 'reference', '', 'product_id', :p3::text, 'location_id', :loc::text)::text, jsonb_build_object('id', :l4_rid::text, 'sku', 'BO-4', 'order_id', :oid::text, 'quantity', 1, 'available', :l4_available::bigint, 'reference', '', 'product_id', :p4::text, 'location_id', :loc::text)::text, jsonb_build_object('id', :l5_rid::text, 'sku', 'BO-5', 'order_id', :oid::text, 'quantity', 1, 'available', :l5_available::bigint, 'reference', '', 'product_id', :p5::text, 'location_id', :loc::text)::text, jsonb_build_object('id', :oid::text, 'number', :onum::text, 'customer', :party::text, 'total', jsonb_build_object('amount', 176398, 'currency', :cur::text))::text, jsonb_build_object('id', :iid::text, 'total', 176398, 'currency', :cur::text, 'order_id', :oid::text, 'party_id', :party::text)::text, jsonb_build_object('id', :iid::text, 'total', 176398, 'number', :inum::text, 'currency', :cur::text, 'due_date', :ddate::text, 'entry_id', :eid::text, 'order_id', :oid::text, 'party_id', :party::text, 'issue_date', :idate::text)::text]) WITH ORDINALITY AS x(t, y, p, n) ORDER BY x.n;

-- the response: the order's JSON built once and kept, as GET reads it
WITH f AS (UPDATE orders SET doc = order_doc(id, false) WHERE id = :oid::uuid AND doc IS NULL RETURNING doc) SELECT coalesce((SELECT doc FROM f), o.doc, order_doc(o.id, false))::text, o.status, p.name, p.code FROM orders o JOIN parties p ON p.tenant_id = o.tenant_id AND p.id = o.party_id WHERE o.id = :oid::uuid;
COMMIT;
