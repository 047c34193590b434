// walk.test.mjs: a new owner's first hour, in a real browser (Debian's
// Chromium, driven by playwright-core), at desktop width and on a
// 390x844 phone: sign up, set the business's address and tax id (found
// through the settings index), add a customer and a product, place an
// order, make its invoice from the order's page and issue it, record the
// payment from the invoice's page (filled in),
// open the customer's statement.  On every page visited axe-core runs
// and any serious or critical violation fails the walk; on the phone no
// page may scroll sideways (document.documentElement.scrollWidth <= 390).
// Fields are found by their labels and buttons by their names, so the
// walk keeps passing as menus and next-step buttons land.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const base = process.env.BURSAR_URL;
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

function launch() {
	return chromium.launch({
		executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
			'--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
}

// check: the page as it stands: axe's serious and critical findings
// (none allowed) and, when narrow, no sideways scroll of the page
async function check(page, width, visited) {
	const where = new URL(page.url()).pathname;
	visited.push(where);
	await page.addScriptTag({ path: axePath });
	const found = await page.evaluate(async () => {
		// eslint-disable-next-line no-undef
		const r = await axe.run(document, { resultTypes: ['violations'] });
		return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
			.map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.slice(0, 3)
				.map((n) => n.target.join(' ')).join(', ')}`);
	});
	assert.deepEqual(found, [], `axe on ${where}`);
	if (width <= 400) {
		const sw = await page.evaluate(() => document.documentElement.scrollWidth);
		assert.ok(sw <= width, `${where} scrolls sideways at ${width}px: ${sw}px wide`);
	}
}

// form: the page's own content, not the menu or its search box
function form(page) {
	return page.locator('main');
}

// landed: waits for the page a form leads to; if it stays, says why
async function landed(page, url) {
	try {
		await page.waitForURL(url);
	} catch (e) {
		const why = await page.locator('.alert, .error').allTextContents();
		throw new Error(`stayed on ${page.url()}: ${why.join(' | ')}`);
	}
}

// submit: clicks the named button and waits for the page it lands on
async function submit(page, name, url) {
	await page.getByRole('button', { name, exact: true }).first().click();
	await landed(page, url);
}

async function walk(width, height) {
	const browser = await launch();
	const visited = [];
	try {
		// the pages' policy allows no inline script: axe is injected past it
		const ctx = await browser.newContext({ viewport: { width, height }, bypassCSP: true });
		const page = await ctx.newPage();
		page.setDefaultTimeout(15000);
		const tag = `${width}-${Date.now().toString(36)}`;
		const slug = `walk-${tag}`;
		const email = `owner@${slug}.test`;

		await page.goto(`${base}/app/signup`);
		await check(page, width, visited);
		await form(page).getByLabel('Business name').fill(`Walk Traders ${tag}`);
		await form(page).getByLabel(/^Short name/).fill(slug);
		await form(page).getByLabel(/^Base currency/).fill('INR');
		await form(page).getByLabel('Your name').fill('Walk Owner');
		await form(page).getByLabel('Your email').fill(email);
		await form(page).getByLabel(/^Password/).fill('Walk-pass-2026');
		await submit(page, 'Create', `${base}/app`);
		await check(page, width, visited);

		// set-up: the settings index leads to the address and tax id
		await page.goto(`${base}/app/settings`);
		await check(page, width, visited);
		await Promise.all([page.waitForURL(/\/app\/commerce\/settings/),
			page.getByRole('link', { name: 'Address and tax id' }).click()]);
		await check(page, width, visited);
		await form(page).getByLabel("The business's address").fill('12 MG Road\nBengaluru 560001');
		await form(page).getByLabel(/The business's tax id/).fill('29ABCDE1234F1Z5');
		await form(page).getByLabel('Invoice an order').selectOption('manual');
		await submit(page, 'Save', /\/app\/commerce\/settings/);
		await check(page, width, visited);
		assert.equal(await form(page).getByLabel(/The business's tax id/).inputValue(), '29ABCDE1234F1Z5');

		// a customer
		await page.goto(`${base}/app/customers`);
		await check(page, width, visited);
		await page.goto(`${base}/app/customers/new`);
		await check(page, width, visited);
		await form(page).getByLabel('Name', { exact: true }).fill('Asha Traders');
		await form(page).getByLabel('Code (empty: the next C-00001 or S-00001)').fill('ASHA');
		// (an empty terms field is refused on main today: typed, as a person would)
		await form(page).getByLabel(/^Payment terms in days/).fill('30');
		const isCustomer = form(page).getByLabel('A customer');
		if (!(await isCustomer.isChecked()))
			await isCustomer.check();
		await submit(page, 'Create', /\/app\/customers(\/[0-9a-f-]{36})?$/);
		await check(page, width, visited);
		if (!/[0-9a-f-]{36}$/.test(page.url())) {
			await Promise.all([page.waitForURL(/\/app\/customers\/[0-9a-f-]{36}$/),
				page.getByRole('link', { name: 'Asha Traders' }).first().click()]);
			await check(page, width, visited);
		}
		const customerUrl = page.url();
		assert.match(await page.textContent('main'), /Asha Traders/);

		// a product: a service, so no stock is needed to sell it
		await page.goto(`${base}/app/products/new`);
		await check(page, width, visited);
		await form(page).getByLabel('SKU').fill('CONSULT-1');
		await form(page).getByLabel('Name', { exact: true }).fill('Consulting hour');
		await form(page).getByLabel(/Goods: stock is counted/).uncheck();
		await form(page).getByLabel('Unit price').fill('1500.00');
		await form(page).getByLabel('in the currency').fill('INR');
		await submit(page, 'Create', /\/app\/products(\/[0-9a-f-]{36})?$/);
		await check(page, width, visited);

		// an order, placed
		await page.goto(`${base}/app/orders/new`);
		await check(page, width, visited);
		await form(page).getByLabel('Customer', { exact: true }).selectOption('ASHA');
		await form(page).getByLabel('Product', { exact: true }).first().fill('CONSULT-1');
		await form(page).getByLabel('Quantity', { exact: true }).first().fill('2');
		await form(page).getByLabel(/place/i).check();
		await page.locator('main form button[type=submit]').last().click();
		await landed(page, /\/app\/orders\/[0-9a-f-]{36}$/);
		await check(page, width, visited);
		assert.match(await page.textContent('main h1'), /Placed/);
		const orderUrl = page.url();
		await page.goto(`${base}/app/orders`);
		await check(page, width, visited);
		await page.goto(orderUrl);

		// the invoice, from the order's own page, then issued from its page
		await page.locator('main form[action="/app/invoices"] button[type=submit]', { hasText: 'Create invoice' }).click();
		await landed(page, /\/app\/invoices\/[0-9a-f-]{36}$/);
		await check(page, width, visited);
		assert.match(await page.textContent('main'), /CONSULT-1|Consulting hour/);
		const invoiceUrl = page.url();
		await page.locator('form[action$="/issue"] button[type=submit]').click();
		await page.waitForURL(invoiceUrl);
		await check(page, width, visited);
		const number = (await page.textContent('main')).match(/INV-\d{4}-\d{5}|INV[-\w]*\d+/)[0];
		assert.ok(number, 'the issued invoice has a number');
		await page.goto(`${base}/app/invoices`);
		await check(page, width, visited);
		assert.match(await page.textContent('main'), new RegExp(number));

		// the payment, from the invoice's own page: party, invoice and the
		// amount due come filled in
		await page.goto(invoiceUrl);
		await check(page, width, visited);
		await page.getByRole('link', { name: 'Record payment' }).click();
		await page.waitForURL(/\/app\/payments\/new/);
		await check(page, width, visited);
		assert.notEqual(await form(page).getByLabel('Amount', { exact: true }).inputValue(), '');
		await page.getByRole('button', { name: 'Record the payment' }).click();
		await landed(page, /\/app\/payments\/[0-9a-f-]{36}$/);
		await check(page, width, visited);
		await page.goto(invoiceUrl);
		await check(page, width, visited);
		assert.match(await page.textContent('main h1'), /Paid/);

		// the customer's statement
		const party = customerUrl.split('/').pop();
		await page.goto(`${base}/app/statements/${party}`);
		await check(page, width, visited);
		assert.match(await page.textContent('main'), new RegExp(number));
		await page.goto(`${base}/app/payments`);
		await check(page, width, visited);
	} finally {
		await browser.close();
	}
	return visited;
}

test('a new owner from sign-up to a paid invoice, at desktop width', async () => {
	const visited = await walk(1280, 900);
	assert.ok(visited.length >= 20, `pages checked: ${visited.join(' ')}`);
});

test('the same walk on a 390x844 phone: nothing scrolls sideways', async () => {
	const visited = await walk(390, 844);
	assert.ok(visited.length >= 20, `pages checked: ${visited.join(' ')}`);
});
