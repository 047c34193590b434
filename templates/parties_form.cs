<?cs include:"partials/field.cs" ?>
<section class="card">
<p><a href="/app/<?cs var:data.path ?>"><?cs var:data.kind_title ?></a><?cs if:data.party.id ?> · <a href="/app/<?cs var:data.path ?>/<?cs var:data.party.id ?>"><?cs var:data.party.name ?></a><?cs /if ?></p>
<h1><?cs if:data.party.id ?>Edit <?cs var:data.party.name ?><?cs else ?>New <?cs var:data.kind_one ?><?cs /if ?></h1>
<?cs if:data.error ?><p class="alert" role="alert"><?cs var:data.error ?></p><?cs /if ?>
<form method="post" action="/app/<?cs var:data.path ?><?cs if:data.party.id ?>/<?cs var:data.party.id ?><?cs /if ?>">
<input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>">
<?cs call:field("name", "Name", "text", data.form.name, data.fields.name) ?>
<?cs call:field("code", "Code (empty: the next C-00001 or S-00001)", "text", data.form.code, data.fields.code) ?>
<p class="field<?cs if:data.fields.is_customer || data.fields.is_supplier ?> invalid<?cs /if ?>">
<label><input type="checkbox" name="is_customer" value="true"<?cs if:data.form.is_customer == "true" ?> checked<?cs /if ?>> A customer</label>
<label><input type="checkbox" name="is_supplier" value="true"<?cs if:data.form.is_supplier == "true" ?> checked<?cs /if ?>> A supplier</label>
<?cs if:data.fields.is_customer ?><span class="error"><?cs var:data.fields.is_customer ?></span><?cs /if ?><?cs if:data.fields.is_supplier ?><span class="error"><?cs var:data.fields.is_supplier ?></span><?cs /if ?></p>
<?cs call:field("email", "Email", "email", data.form.email, data.fields.email) ?>
<?cs call:field("phone", "Phone", "tel", data.form.phone, data.fields.phone) ?>
<?cs call:field("tax_id", "Tax id (GSTIN, VAT number)", "text", data.form.tax_id, data.fields.tax_id) ?>
<?cs call:field("currency", "Currency (empty: the business's)", "text", data.form.currency, data.fields.currency) ?>
<?cs call:field("terms_days", "Payment terms in days (empty: the default)", "number", data.form.terms_days, data.fields.terms_days) ?>
<?cs call:field("credit_limit", "Credit limit (empty: none)", "text", data.form.credit_limit, data.fields.credit_limit) ?>
<p class="field<?cs if:data.fields.notes ?> invalid<?cs /if ?>"><label for="notes">Notes</label>
<textarea id="notes" name="notes" rows="3"><?cs var:data.form.notes ?></textarea>
<?cs if:data.fields.notes ?><span class="error"><?cs var:data.fields.notes ?></span><?cs /if ?></p>
<p><button type="submit"><?cs if:data.party.id ?>Save<?cs else ?>Create<?cs /if ?></button></p>
</form>
</section>
