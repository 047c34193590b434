<?cs include:"partials/field.cs" ?>
<section>
<h1>Tax groups</h1>
<p><a href="/app/tax-rates">Tax rates</a> · <a href="/app/books/settings">Book settings</a></p>
<p>A line of a document chooses a tax group: one or more tax rates applied together, each posting to its own accounts (GST 18% within a state is CGST 9% plus SGST 9%). Inclusive groups are for prices that already include the tax.</p>
<table class="list" tabindex="0"><thead><tr><th>Code</th><th>Name</th><th>Components (today)</th><th>Total today</th><th>Prices</th></tr></thead><tbody>
<?cs each:g = data.items ?><tr><td><a href="/app/tax-groups/<?cs var:g.id ?>"><?cs var:g.code ?></a></td><td><?cs var:g.name ?><?cs if:g.archived ?> (archived)<?cs /if ?></td>
<td><?cs each:k = g.components ?><?cs if:k.position > 1 ?> + <?cs /if ?><?cs var:k.rate_code ?> (<?cs if:?k.rate ?><?cs var:k.rate ?>%<?cs else ?>no rate in force<?cs /if ?>)<?cs /each ?></td>
<td><?cs if:g.complete ?><?cs var:g.rate ?>%<?cs else ?>incomplete<?cs /if ?></td><td><?cs if:g.inclusive ?>include the tax<?cs else ?>exclude the tax<?cs /if ?></td></tr>
<?cs /each ?></tbody></table>
</section>
<section class="card">
<h2>New tax group</h2>
<?cs if:data.error ?><p class="alert" role="alert"><?cs var:data.error ?></p><?cs /if ?>
<form method="post" action="/app/tax-groups">
<input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>">
<?cs call:field("code", "Code (e.g. GST12)", "text", data.form.code, data.fields.code) ?>
<?cs call:field("name", "Name", "text", data.form.name, data.fields.name) ?>
<?cs call:field("components", "Tax rates, in order, separated by commas (e.g. CGST6, SGST6)", "text", data.form.components, data.fields.components) ?>
<p>Rates: <?cs each:r = data.rate_codes ?><code><?cs var:r.code ?></code> <?cs /each ?></p>
<p class="field<?cs if:data.fields.inclusive ?> invalid<?cs /if ?>"><label><input type="checkbox" name="inclusive" value="true"<?cs if:data.form.inclusive == "true" ?> checked<?cs /if ?>> Prices include the tax</label>
<?cs if:data.fields.inclusive ?><span class="error"><?cs var:data.fields.inclusive ?></span><?cs /if ?></p>
<p><button type="submit">Create the group</button></p>
</form>
</section>
