<?cs include:"partials/field.cs" ?>
<section class="card">
<p><a href="/app/tax-groups">Tax groups</a> · <a href="/app/tax-rates">Tax rates</a></p>
<h1><?cs var:data.group.code ?> <?cs var:data.group.name ?></h1>
<table class="list" tabindex="0"><tbody>
<tr><th>Components (today)</th><td><?cs each:k = data.group.components ?><?cs if:k.position > 1 ?> + <?cs /if ?><?cs var:k.rate_code ?> (<?cs if:?k.rate ?><?cs var:k.rate ?>%<?cs else ?>no rate in force<?cs /if ?>)<?cs /each ?></td></tr>
<tr><th>Total today</th><td><?cs if:data.group.complete ?><?cs var:data.group.rate ?>%<?cs else ?>incomplete<?cs /if ?></td></tr>
<tr><th>Status</th><td><?cs if:data.group.archived ?>archived: no new line may choose it<?cs else ?>in use<?cs /if ?></td></tr>
</tbody></table>
<?cs if:data.error ?><p class="alert" role="alert"><?cs var:data.error ?></p><?cs /if ?>
<form method="post" action="/app/tax-groups/<?cs var:data.group.id ?>">
<input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>">
<?cs call:field("name", "Name", "text", data.form.name, data.fields.name) ?>
<?cs call:field("components", "Tax rates, in order, separated by commas (e.g. CGST6, SGST6)", "text", data.form.components, data.fields.components) ?>
<p>Rates: <?cs each:r = data.rate_codes ?><code><?cs var:r.code ?></code> <?cs /each ?></p>
<p class="field<?cs if:data.fields.inclusive ?> invalid<?cs /if ?>"><label><input type="checkbox" name="inclusive" value="true"<?cs if:data.form.inclusive == "true" ?> checked<?cs /if ?>> Prices include the tax</label>
<?cs if:data.fields.inclusive ?><span class="error"><?cs var:data.fields.inclusive ?></span><?cs /if ?></p>
<p><button type="submit">Save</button></p>
</form>
<form method="post" action="/app/tax-groups/<?cs var:data.group.id ?>/<?cs if:data.group.archived ?>unarchive<?cs else ?>archive<?cs /if ?>">
<input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>">
<p><button type="submit"><?cs if:data.group.archived ?>Unarchive<?cs else ?>Archive<?cs /if ?></button></p>
</form>
</section>
