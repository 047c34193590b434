// nav.test.mjs: the menu and the search box as a person on a phone meets
// them (390 pixels wide): the sections are folded until one is opened, the
// page's own entry is marked, and a customer typed in part into the search
// box is one tap from its page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const base = process.env.BURSAR_URL;

test('the menu folds on a phone and search finds a customer', async () => {
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
			'--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
	try {
		const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
		await page.goto(`${base}/app/login`);
		await page.fill('#tenant', 'demo');
		await page.fill('#email', 'sales@demo.test');
		await page.fill('#password', 'Demo-pass-2026');
		await Promise.all([page.waitForURL(`${base}/app`), page.click('button[type=submit]')]);

		// folded: the sections show, their pages do not until one is opened
		const invoices = page.locator('.appnav a[href="/app/invoices"]');
		assert.equal(await invoices.isVisible(), false);
		assert.equal(await page.locator('.appnav summary', { hasText: 'Purchases' }).count(), 0);
		await page.click('.appnav summary:has-text("Sales")');
		assert.ok(await invoices.isVisible());
		// the menu fits the phone: nothing wider than the screen
		const wide = await page.evaluate(() => document.documentElement.scrollWidth);
		assert.ok(wide <= 390, `the page is ${wide} pixels wide`);
		await Promise.all([page.waitForURL(`${base}/app/invoices`), invoices.click()]);
		assert.equal(await page.getAttribute('.appnav a[href="/app/invoices"]', 'aria-current'), 'page');

		// part of a name, in the wrong case, then Enter
		await page.fill('#nav-q', 'KAVERI');
		await Promise.all([page.waitForURL(/\/app\/search\?q=KAVERI$/), page.press('#nav-q', 'Enter')]);
		await Promise.all([page.waitForURL(/\/app\/customers\/[0-9a-f-]{36}$/),
			page.click('main a:has-text("Kaveri Retail")')]);
		assert.match(await page.textContent('main h1'), /Kaveri Retail/);
	} finally {
		await browser.close();
	}
});
