<?cs include:"partials/field.cs" ?>
<?cs def:place(name, label, value, err) ?><p class="field<?cs if:err ?> invalid<?cs /if ?>"><label for="<?cs var:name ?>"><?cs var:label ?></label>
<select id="<?cs var:name ?>" name="<?cs var:name ?>"><?cs each:l = data.locations ?>
<option value="<?cs var:l.code ?>"<?cs if:value == l.code ?> selected<?cs /if ?>><?cs var:l.code ?> <?cs var:l.name ?></option><?cs /each ?></select>
<?cs if:err ?><span class="error"><?cs var:err ?></span><?cs /if ?></p><?cs /def ?>
<section class="card">
<?cs include:"stock_nav.cs" ?>
<h1><?cs if:data.kind == "receipt" ?>Receive stock<?cs elif:data.kind == "adjustment" ?>Adjust stock after a count<?cs else ?>Transfer stock<?cs /if ?></h1>
<?cs if:data.error ?><p class="alert" role="alert"><?cs var:data.error ?></p><?cs /if ?>
<form method="post" action="/app/stock/<?cs var:data.kind ?>s">
<input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>">
<?cs call:field("sku", "SKU", "text", data.form.sku, data.fields.sku) ?>
<?cs if:data.kind == "transfer" ?>
<?cs call:place("from", "From", data.form.from, data.fields.from) ?>
<?cs call:place("to", "To", data.form.to, data.fields.to) ?>
<?cs call:field("quantity", "Quantity", "number", data.form.quantity, data.fields.quantity) ?>
<?cs else ?>
<?cs call:place("location", "Location", data.form.location, data.fields.location) ?>
<?cs if:data.kind == "receipt" ?>
<?cs call:field("quantity", "Quantity", "number", data.form.quantity, data.fields.quantity) ?>
<?cs call:field("cost", "Total cost in " + data.currency, "text", data.form.cost, data.fields.cost) ?>
<?cs call:field("account", "Account to credit (opening stock: @capital)", "text", data.form.account, data.fields.account) ?>
<?cs else ?>
<?cs call:field("quantity", "Change (negative to take out)", "number", data.form.quantity, data.fields.quantity) ?>
<?cs /if ?>
<?cs call:field("date", "Date (empty: today)", "date", data.form.date, data.fields.date) ?>
<?cs /if ?>
<?cs call:field("memo", "Memo", "text", data.form.memo, data.fields.memo) ?>
<p><button type="submit"><?cs if:data.kind == "receipt" ?>Receive<?cs elif:data.kind == "adjustment" ?>Adjust<?cs else ?>Transfer<?cs /if ?></button></p>
</form>
</section>
