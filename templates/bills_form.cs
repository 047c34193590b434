<?cs include:"partials/field.cs" ?>
<section class="card">
<p><a href="/app/bills">Bills</a></p>
<h1><?cs if:data.id ?>Change the draft bill<?cs else ?>New bill<?cs /if ?></h1>
<?cs if:data.error ?><p class="alert" role="alert"><?cs var:data.error ?></p><?cs /if ?>
<form method="post" action="/app/bills<?cs if:data.id ?>/<?cs var:data.id ?><?cs /if ?>">
<input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>">
<p class="field<?cs if:data.fields.supplier ?> invalid<?cs /if ?>"><label for="supplier">Supplier</label>
<select id="supplier" name="supplier"><option value="">(choose)</option><?cs each:p = data.suppliers ?>
<option value="<?cs var:p.code ?>"<?cs if:data.form.supplier == p.code || data.form.supplier == p.id ?> selected<?cs /if ?>><?cs var:p.name ?> (<?cs var:p.code ?>, <?cs var:p.currency ?>)</option><?cs /each ?>
</select><?cs if:data.fields.supplier ?><span class="error"><?cs var:data.fields.supplier ?></span><?cs /if ?></p>
<?cs call:field("supplier_ref", "Their invoice number", "text", data.form.supplier_ref, data.fields.supplier_ref) ?>
<p class="field<?cs if:data.fields.currency ?> invalid<?cs /if ?>"><label for="currency">Currency</label>
<select id="currency" name="currency"><option value="">(the supplier's)</option><?cs each:y = data.currencies ?>
<option<?cs if:data.form.currency == y.code ?> selected<?cs /if ?>><?cs var:y.code ?></option><?cs /each ?></select><?cs if:data.fields.currency ?><span class="error"><?cs var:data.fields.currency ?></span><?cs /if ?></p>
<?cs call:field("bill_date", "Bill date (empty: today)", "date", data.form.bill_date, data.fields.bill_date) ?>
<?cs call:field("due_date", "Due date (empty: by the supplier's terms)", "date", data.form.due_date, data.fields.due_date) ?>
<p class="field<?cs if:data.fields.location ?> invalid<?cs /if ?>"><label for="location">Goods into</label>
<select id="location" name="location"><option value="">(the first location)</option><?cs each:l = data.locations ?>
<option value="<?cs var:l.code ?>"<?cs if:data.form.location == l.code ?> selected<?cs /if ?>><?cs var:l.name ?> (<?cs var:l.code ?>)</option><?cs /each ?></select><?cs if:data.fields.location ?><span class="error"><?cs var:data.fields.location ?></span><?cs /if ?></p>
<p class="field<?cs if:data.fields.notes ?> invalid<?cs /if ?>"><label for="notes">Notes</label><textarea id="notes" name="notes" rows="2"><?cs var:data.form.notes ?></textarea><?cs if:data.fields.notes ?><span class="error"><?cs var:data.fields.notes ?></span><?cs /if ?></p>
<?cs if:data.fields.lines ?><p class="error"><?cs var:data.fields.lines ?></p><?cs /if ?>
<table class="list" tabindex="0"><thead><tr><th>Product (SKU)</th><th>Description</th><th>Qty</th><th>Unit price</th><th>Tax</th><th>Account (not for stock)</th></tr></thead><tbody>
<?cs each:r = data.rows ?><tr<?cs if:r.error ?> class="invalid"<?cs /if ?>>
<td><input name="line_product" aria-label="Product" list="products" value="<?cs var:r.product ?>" size="10"></td>
<td><input name="line_description" aria-label="Description" value="<?cs var:r.description ?>" size="30"></td>
<td><input name="line_quantity" aria-label="Quantity" value="<?cs var:r.quantity ?>" size="5" inputmode="numeric"></td>
<td><input name="line_unit_price" aria-label="Unit price" value="<?cs var:r.unit_price ?>" size="9"></td>
<td><select name="line_tax_group" aria-label="Tax group"><option value="(product)"<?cs if:r.tax_group == "(product)" ?> selected<?cs /if ?>>(the product's)</option><option value=""<?cs if:r.tax_group == "" ?> selected<?cs /if ?>>none</option><?cs each:g = data.tax_groups ?><option value="<?cs var:g.code ?>"<?cs if:r.tax_group == g.code ?> selected<?cs /if ?>><?cs var:g.code ?></option><?cs /each ?></select></td>
<td><select name="line_account" aria-label="Account"><option value="">(general expenses)</option><?cs each:a = data.accounts ?><option value="<?cs var:a.code ?>"<?cs if:r.account == a.code ?> selected<?cs /if ?>><?cs var:a.code ?> <?cs var:a.name ?></option><?cs /each ?></select></td>
</tr><?cs if:r.error ?><tr><td colspan="6" class="error"><?cs var:r.error ?></td></tr><?cs /if ?>
<?cs /each ?></tbody></table>
<datalist id="products"><?cs each:p = data.products ?><option value="<?cs var:p.sku ?>"><?cs var:p.name ?></option><?cs /each ?></datalist>
<p><label><input type="checkbox" name="receive" value="yes"> Receive it now (numbers and posts it; goods go into stock)</label></p>
<p><button type="submit">Save</button></p>
</form>
</section>
