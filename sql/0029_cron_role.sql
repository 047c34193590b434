-- 0029_cron_role.sql: the maintenance functions are the cron programs',
-- not the web's.  Each of these is SECURITY DEFINER and crosses tenants
-- (audit_archive_older empties every business's audit log into the
-- archive, mail_claim hands out every business's unsent mail with its
-- reset links, webhook_claim every subscription's secret), so a flaw in
-- any web handler must not reach them: the web's role (bursar_app) loses
-- them, and the cron programs, the mail sender and the webhook dispatcher
-- log in as bursar_cron (config key cron_database_url).
--
--   function                    program
--   audit_archive_older         cron/audit_archive
--   auth_cleanup                cron/auth_cleanup
--   idempotency_cleanup         cron/auth_cleanup
--   invoice_overdue_tenants     cron/overdue
--   bill_overdue_tenants        cron/overdue
--   mail_claim, mail_done       cron/mail_send (lib/notify/mail)
--   webhook_fanout, webhook_claim, webhook_attempted
--                               cron/webhook_dispatch (lib/webhooks/dispatch)
--
-- Roles belong to the cluster, not the database: made only when missing.
-- Its password is the installer's to set (ALTER ROLE bursar_cron PASSWORD
-- ...; scripts/stack.sh does it for the local stack); the server's
-- pg_hba.conf asks for it (scram-sha-256) or for peer, never trust.
DO $$ BEGIN
	IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'bursar_cron') THEN
		CREATE ROLE bursar_cron LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB
			NOCREATEROLE;
	END IF;
END $$;

-- the web's own rights, under the same row-level security: cron/overdue
-- works inside each business's scope through the modules the web uses,
-- so bursar_cron holds what bursar_app holds (owning nothing, bypassing
-- nothing) and, beside it, the doors below
GRANT bursar_app TO bursar_cron;

REVOKE ALL ON FUNCTION audit_archive_older(timestamptz), auth_cleanup(),
	idempotency_cleanup(), invoice_overdue_tenants(), bill_overdue_tenants(),
	mail_claim(int), mail_done(uuid, uuid, text),
	webhook_fanout(int), webhook_claim(int, int),
	webhook_attempted(uuid, uuid, timestamptz, int, int, text, text)
	FROM PUBLIC, bursar_app;
GRANT EXECUTE ON FUNCTION audit_archive_older(timestamptz), auth_cleanup(),
	idempotency_cleanup(), invoice_overdue_tenants(), bill_overdue_tenants(),
	mail_claim(int), mail_done(uuid, uuid, text),
	webhook_fanout(int), webhook_claim(int, int),
	webhook_attempted(uuid, uuid, timestamptz, int, int, text, text)
	TO bursar_cron;
