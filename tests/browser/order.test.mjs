// order.test.mjs: a sale through the order pages in a real browser
// (Debian's Chromium, driven by playwright-core): the demo owner starts an
// order with a quantity mistyped, sees the form again with the reason and
// what was typed, corrects it and places the order, then ships it from
// the order's page, which then links the invoice the shipment issued.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const base = process.env.BURSAR_URL;

test('an order typed, corrected, placed and shipped', async () => {
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

		await page.goto(`${base}/app/orders/new`);
		await page.selectOption('#customer', 'DEMO-C01');
		await page.fill('#reference', 'BROWSER-PO-1');
		const product = page.locator('input[name=line_product]').first();
		const quantity = page.locator('input[name=line_quantity]').first();
		await product.fill('BOLT-M10');
		await quantity.fill('two');
		await page.check('input[name=place]');
		await page.click('main form button[type=submit]');
		// refused: the reason beside the line, everything typed still there
		assert.match(await page.textContent('.alert'), /whole number/);
		assert.equal(await page.inputValue('#reference'), 'BROWSER-PO-1');
		assert.equal(await product.inputValue(), 'BOLT-M10');
		assert.equal(await quantity.inputValue(), 'two');

		await quantity.fill('2');
		await page.check('input[name=place]');
		await Promise.all([page.waitForURL(/\/app\/orders\/[0-9a-f-]{36}$/),
			page.click('main form button[type=submit]')]);
		assert.match(await page.textContent('main h1'), /Placed/);
		assert.match(await page.textContent('main'), /BOLT-M10/);
		// only the moves a placed order allows are offered
		assert.ok(await page.isVisible('form[action$="/ship"] button'));
		assert.ok(!(await page.isVisible('form[action$="/complete"] button')));

		await Promise.all([page.waitForURL(/\/app\/orders\/[0-9a-f-]{36}$/),
			page.click('form[action$="/ship"] button')]);
		assert.match(await page.textContent('main h1'), /Shipped/);
		// the demo business invoices on ship: the invoice is linked
		assert.match(await page.textContent('main'), /INV-\d{4}-\d{5}/);
		assert.ok(await page.isVisible('form[action$="/complete"] button'));
	} finally {
		await browser.close();
	}
});
