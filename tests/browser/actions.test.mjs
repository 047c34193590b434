// actions.test.mjs: the next step from a document's page, in a real
// browser (Debian's Chromium, driven by playwright-core).  The demo owner
// issues an invoice, follows its "Record payment" to the payment form,
// finds it filled in (the customer, this invoice with what is due),
// records the payment, is told so once, and sees the invoice paid; then
// asks to void another invoice, is asked first, goes back, and finds it
// still issued.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const base = process.env.BURSAR_URL;

// issue: a new invoice for DEMO-C02 of qty hours of installation, issued
// from the form; the page it lands on
async function issue(page, qty) {
	await page.goto(`${base}/app/invoices/new`);
	await page.selectOption('#customer', 'DEMO-C02');
	await page.locator('input[name=line_product]').first().fill('INSTALL-HR');
	await page.locator('input[name=line_quantity]').first().fill(String(qty));
	await page.check('input[name=issue]');
	await Promise.all([page.waitForURL(/\/app\/invoices\/[0-9a-f-]{36}$/),
		page.click('main form button[type=submit]')]);
	assert.match(await page.textContent('main h1'), /Issued/);
	return page.url();
}

test('an invoice paid from its own page; a void refused at the confirmation', async () => {
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

		const invoiceUrl = await issue(page, 2);
		// the save is confirmed on the page it lands on, once
		assert.match(await page.textContent('.flash'), /saved/);
		const number = (await page.textContent('main h1')).match(/INV-\d{4}-\d{5}/)[0];
		const due = (await page.textContent('tfoot tr:last-child td strong')).trim();

		await Promise.all([page.waitForURL(/\/app\/payments\/new\?/),
			page.click('a:text("Record payment")')]);
		// filled in: the customer, the amount due, and this invoice
		assert.match(await page.locator('#party option:checked').textContent(), /DEMO-C02/);
		const row = page.locator('#open-docs tr', { hasText: number });
		const alloc = row.locator('input[name=alloc_amount]');
		assert.equal(await page.inputValue('#amount'), await alloc.inputValue());
		assert.equal(Number(await alloc.inputValue()),
			Number(due.replace(/[^0-9.]/g, '')));
		await Promise.all([page.waitForURL(/\/app\/payments\/[0-9a-f-]{36}$/),
			page.click('button:text("Record the payment")')]);
		assert.match(await page.textContent('.flash'), /payment was recorded/);
		assert.match(await page.textContent('main'), new RegExp(number));
		// a reload says it no more
		await page.reload();
		assert.equal(await page.locator('.flash').count(), 0);

		await page.goto(invoiceUrl);
		assert.match(await page.textContent('main h1'), /\bPaid\b/);
		assert.equal(await page.locator('a:text("Record payment")').count(), 0);

		// an irreversible action asks first; going back changes nothing
		const other = await issue(page, 1);
		await page.click('form[action$="/void"] button');
		assert.match(await page.textContent('main h1'), /Void this invoice\?/);
		assert.match(await page.textContent('main'), /cannot be undone/);
		assert.ok(await page.isVisible('button.danger'));
		await Promise.all([page.waitForURL(other), page.click('a:text("No, go back")')]);
		assert.match(await page.textContent('main h1'), /Issued/);
		assert.equal(await page.locator('.flash').count(), 0);
	} finally {
		await browser.close();
	}
});
