-- 0001_identity.sql: the demo business of `make run` (development only:
-- an installed system has no default password).  Safe to load again.
-- Every user's password is Demo-pass-2026; the hash below is Argon2id with
-- Bursar's parameters and a fixed salt, since this file is public anyway.
BEGIN;
SELECT set_config('bursar.tenant_id', 'de300000-0000-4000-8000-000000000001', true);
INSERT INTO tenants (id, name, slug, base_currency, timezone, address, tax_id)
SELECT 'de300000-0000-4000-8000-000000000001', 'Demo Traders Pvt Ltd', 'demo', 'INR',
       'Asia/Kolkata', '12 MG Road, Bengaluru 560001, Karnataka, India', '29ABCDE1234F1Z5'
WHERE NOT EXISTS (SELECT 1 FROM tenants WHERE slug = 'demo');
SELECT tenant_seed_roles('de300000-0000-4000-8000-000000000001')
WHERE NOT EXISTS (SELECT 1 FROM roles WHERE tenant_id = 'de300000-0000-4000-8000-000000000001');
SELECT tenant_seed_books('de300000-0000-4000-8000-000000000001')
WHERE NOT EXISTS (SELECT 1 FROM accounts WHERE tenant_id = 'de300000-0000-4000-8000-000000000001');
-- the branches first: the first location takes the main branch (sql/0027)
INSERT INTO branches (tenant_id, code, name) VALUES
	('de300000-0000-4000-8000-000000000001', 'MAIN', 'Bengaluru head office'),
	('de300000-0000-4000-8000-000000000001', 'MUM', 'Mumbai warehouse')
ON CONFLICT DO NOTHING;
SELECT tenant_seed_commerce('de300000-0000-4000-8000-000000000001');
INSERT INTO users (tenant_id, email, name, password_hash, role_id)
SELECT r.tenant_id, v.email, v.name, '$argon2id$v=19$m=19456,t=2,p=1$ZGVtby1zYWx0LWJ1cnNhcg$hFPDIF82ORmOgEFJ6QBUsP+/qG3dTeQ3L8NNzPKjTBA', r.id
FROM (VALUES ('owner@demo.test', 'Olivia Owner', 'owner'),
             ('admin@demo.test', 'Arjun Admin', 'admin'),
             ('accountant@demo.test', 'Anita Accountant', 'accountant'),
             ('sales@demo.test', 'Sanjay Sales', 'sales'),
             ('viewer@demo.test', 'Vera Viewer', 'viewer')) AS v(email, name, role)
JOIN roles r ON r.tenant_id = 'de300000-0000-4000-8000-000000000001' AND r.name = v.role
ON CONFLICT DO NOTHING;
COMMIT;
