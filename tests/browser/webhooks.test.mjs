// webhooks.test.mjs: a webhook subscribed through its pages in a real
// browser: the demo owner types an internal address, sees the form again
// with the reason beside the address and what was typed and ticked,
// corrects it, sees the signing secret once, then sends a test delivery
// from the webhook's page and finds it in the history.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const base = process.env.BURSAR_URL;

test('a webhook typed, refused, corrected and tested', async () => {
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
			'--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
	try {
		const page = await (await browser.newContext()).newPage();
		await page.goto(`${base}/app/login`);
		await page.fill('#tenant', 'demo');
		await page.fill('#email', 'owner@demo.test');
		await page.fill('#password', 'Demo-pass-2026');
		await Promise.all([page.waitForURL(`${base}/app`), page.click('button[type=submit]')]);

		await page.goto(`${base}/app/webhooks/new`);
		await page.fill('#url', 'http://10.0.0.1/hook');
		await page.fill('#description', 'Browser ERP');
		await page.check('input[name=event_types][value="invoice.paid"]');
		await page.click('main form button[type=submit]');
		// refused: the reason beside the address, what was typed kept
		assert.match(await page.textContent('.field.invalid'), /internal address/);
		assert.equal(await page.inputValue('#description'), 'Browser ERP');
		assert.ok(await page.isChecked('input[name=event_types][value="invoice.paid"]'));

		// a receiver on this machine (allowed in development); nobody listens
		await page.fill('#url', 'http://127.0.0.1:9/browser-hook');
		await page.click('main form button[type=submit]');
		assert.match(await page.textContent('code.secret'), /^whsec_[A-Za-z0-9+/=]{32}$/);
		assert.match(await page.textContent('main h1'), /127\.0\.0\.1:9\/browser-hook/);

		await page.click('form[action$="/test"] button');
		assert.match(await page.textContent('[role=status]'), /test delivery/);
		// the secret is not shown again
		assert.equal(await page.locator('code.secret').count(), 0);
		assert.match(await page.textContent('main'), /webhook\.test/);
	} finally {
		await browser.close();
	}
});
