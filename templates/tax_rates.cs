<?cs include:"partials/field.cs" ?>
<section>
<h1>Tax rates</h1>
<p><a href="/app/tax-groups">Tax groups</a> · <a href="/app/accounts">Chart of accounts</a> · <a href="/app/books/settings">Book settings</a></p>
<p>A tax rate is one component of a tax (CGST 9%, VAT 20%), collected on sales into one account and reclaimed on purchases from another. When a rate changes, add a new version with the same code from the day it applies: the version before it ends the day before. A document uses the version in force on its date.</p>
<table class="list" tabindex="0"><thead><tr><th>Code</th><th>Name</th><th>Rate</th><th>From</th><th>To</th><th>Sales</th><th>Purchases</th><th>Today</th></tr></thead><tbody>
<?cs each:r = data.items ?><tr><td><?cs var:r.code ?></td><td><?cs var:r.name ?></td><td><?cs var:r.rate ?>%</td><td><?cs var:r.valid_from ?></td><td><?cs var:r.valid_to ?></td>
<td><?cs var:r.sales_account ?></td><td><?cs var:r.purchase_account ?></td><td><?cs if:r.in_force ?>in force<?cs /if ?></td></tr>
<?cs /each ?></tbody></table>
</section>
<section class="card">
<h2>New rate or version</h2>
<?cs if:data.error ?><p class="alert" role="alert"><?cs var:data.error ?></p><?cs /if ?>
<form method="post" action="/app/tax-rates">
<input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>">
<?cs call:field("code", "Code (e.g. CGST9)", "text", data.form.code, data.fields.code) ?>
<?cs call:field("name", "Name", "text", data.form.name, data.fields.name) ?>
<?cs call:field("rate", "Rate in percent (e.g. 9 or 2.5)", "text", data.form.rate, data.fields.rate) ?>
<?cs call:field("valid_from", "In force from (empty: always)", "date", data.form.valid_from, data.fields.valid_from) ?>
<?cs call:field("valid_to", "Until (empty: until further notice)", "date", data.form.valid_to, data.fields.valid_to) ?>
<?cs call:field("sales_account", "Account for tax collected on sales (a code, e.g. 2200)", "text", data.form.sales_account, data.fields.sales_account) ?>
<?cs call:field("purchase_account", "Account for tax paid on purchases (a code, e.g. 1500)", "text", data.form.purchase_account, data.fields.purchase_account) ?>
<p><button type="submit">Save the rate</button></p>
</form>
</section>
