// invite.test.mjs: a person's path through sign-in and invitations, in a
// real browser (Debian's Chromium, driven by playwright-core): the demo
// owner signs in and invites a colleague; the colleague opens the link
// from the mail the SMTP server caught, in a second browser, chooses a
// password, signs out, and signs in again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const base = process.env.BURSAR_URL;
const mailDir = join(process.env.BURSAR_VAR, 'mail', 'new');
const shots = process.env.BURSAR_VAR;

// the link in the newest mail to `to`, waiting for the sender
async function mailedLink(to, path) {
	for (let i = 0; i < 100; i++) {
		const files = readdirSync(mailDir).map((f) => join(mailDir, f))
			.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
		for (const f of files) {
			const text = readFileSync(f, 'utf8');
			const m = text.match(new RegExp(`${path}\\?token=[A-Za-z0-9_-]+`));
			if (new RegExp(`^To: ${to.replace(/[.]/g, "\\.")}\\r?$`, "m").test(text) && m)
				return m[0];
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`no mail to ${to}`);
}

async function signIn(page, email, password) {
	await page.goto(`${base}/app/login`);
	await page.fill('#tenant', 'demo');
	await page.fill('#email', email);
	await page.fill('#password', password);
	await Promise.all([page.waitForURL(`${base}/app`), page.click('button[type=submit]')]);
}

test('invite a colleague, who joins and signs in', async () => {
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
			'--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
	try {
		const owner = await (await browser.newContext()).newPage();
		// a wrong password first: the form says so and keeps what was typed
		await owner.goto(`${base}/app/login`);
		await owner.fill('#tenant', 'demo');
		await owner.fill('#email', 'owner@demo.test');
		await owner.fill('#password', 'not-the-password');
		await owner.click('button[type=submit]');
		assert.match(await owner.textContent('.alert'), /wrong/);
		assert.equal(await owner.inputValue('#email'), 'owner@demo.test');
		assert.equal(await owner.inputValue('#password'), '');

		await signIn(owner, 'owner@demo.test', 'Demo-pass-2026');
		assert.equal(await owner.textContent('main h1'), 'Demo Traders Pvt Ltd');
		// the menu: the owner's Reports section opens onto the audit log
		await owner.click('.appnav summary:has-text("Reports")');
		assert.ok(await owner.isVisible('.appnav a[href="/app/audit"]'));
		await owner.screenshot({ path: join(shots, 'browser-owner-home.png'), fullPage: true });

		const email = `colleague-${Date.now()}@demo.test`;
		await owner.goto(`${base}/app/users/invite`);
		await owner.fill('#email', email);
		await owner.fill('#name', 'Cora Colleague');
		await owner.selectOption('#role', 'sales');
		await Promise.all([owner.waitForURL(`${base}/app/users`), owner.click('main button[type=submit]')]);
		const row = owner.locator('tr', { hasText: email });
		assert.match(await row.textContent(), /invited/);
		await owner.screenshot({ path: join(shots, 'browser-users.png'), fullPage: true });

		// the colleague, in a browser of their own
		const link = await mailedLink(email, '/app/invite/accept');
		const colleague = await (await browser.newContext()).newPage();
		await colleague.goto(`${base}${link}`);
		await colleague.fill('#password', 'password');	// refused: too easy
		await colleague.click('main button[type=submit]');
		assert.match(await colleague.textContent('.field.invalid'), /three of|too easy/);
		await colleague.fill('#password', 'Welcome-aboard-42');
		await Promise.all([colleague.waitForURL(`${base}/app`), colleague.click('main button[type=submit]')]);
		assert.match(await colleague.textContent('main'), /Signed in as Cora Colleague \(sales\)/);

		// out, and back in with the chosen password
		await Promise.all([colleague.waitForURL(`${base}/`), colleague.click('header button')]);
		await signIn(colleague, email, 'Welcome-aboard-42');
		// the sales desk's menu: users under Settings, no audit log anywhere
		await colleague.click('.appnav summary:has-text("Settings")');
		assert.ok(await colleague.isVisible('.appnav a[href="/app/users"]'));
		assert.equal(await colleague.locator('a[href="/app/audit"]').count(), 0);
		await colleague.screenshot({ path: join(shots, 'browser-colleague-home.png'), fullPage: true });

		// the owner sees them as active now
		await owner.reload();
		assert.match(await owner.locator('tr', { hasText: email }).textContent(), /active/);
	} finally {
		await browser.close();
	}
});
