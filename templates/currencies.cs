<?cs include:"partials/field.cs" ?>
<section>
<h1>Currencies and exchange rates</h1>
<p><a href="/app/accounts">Chart of accounts</a> · <a href="/app/tax-rates">Tax rates</a></p>
<p>The books are kept in <strong><?cs var:data.base_currency ?></strong>. A rate is how many units of <?cs var:data.base_currency ?> one unit of the currency buys; an entry in a foreign currency uses the latest rate on or before its date, unless it gives its own.</p>
<table class="list" tabindex="0"><thead><tr><th>Currency</th><th>Date</th><th>Rate</th><th></th></tr></thead><tbody>
<?cs each:r = data.rates ?><tr><td><?cs var:r.currency ?></td><td><?cs var:date(r.date) ?></td><td><?cs var:r.rate ?></td>
<td><form class="inline" method="post" action="/app/exchange-rates/<?cs var:r.currency ?>/<?cs var:r.date ?>/delete"><input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>"><button type="submit">Delete</button></form></td></tr>
<?cs /each ?></tbody></table>
</section>
<section class="card">
<h2>Set a rate</h2>
<?cs if:data.error ?><p class="alert" role="alert"><?cs var:data.error ?></p><?cs /if ?>
<form method="post" action="/app/exchange-rates">
<input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>">
<p class="field<?cs if:data.fields.currency ?> invalid<?cs /if ?>"><label for="currency">Currency</label>
<select id="currency" name="currency"><?cs each:x = data.currencies ?><?cs if:!x.base ?>
<option value="<?cs var:x.code ?>"<?cs if:data.form.currency == x.code ?> selected<?cs /if ?>><?cs var:x.code ?> <?cs var:x.name ?></option><?cs /if ?><?cs /each ?>
</select><?cs if:data.fields.currency ?><span class="error"><?cs var:data.fields.currency ?></span><?cs /if ?></p>
<?cs call:field("date", "Date", "date", data.form.date, data.fields.date) ?>
<?cs call:field("rate", "Rate (e.g. 83.1234; up to 10 decimals)", "text", data.form.rate, data.fields.rate) ?>
<p><button type="submit">Save the rate</button></p>
</form>
</section>
<section>
<h2>Currencies</h2>
<table class="list" tabindex="0"><thead><tr><th>Code</th><th>Name</th><th>Minor-unit digits</th></tr></thead><tbody>
<?cs each:x = data.currencies ?><tr><td><?cs var:x.code ?></td><td><?cs var:x.name ?></td><td><?cs var:x.minor_units ?></td></tr>
<?cs /each ?></tbody></table>
</section>
