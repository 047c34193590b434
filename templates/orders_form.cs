<?cs include:"partials/field.cs" ?>
<section class="card">
<p><a href="/app/orders">Orders</a></p>
<h1><?cs if:data.id ?>Change the order<?cs else ?>New order<?cs /if ?></h1>
<?cs if:data.error ?><p class="alert" role="alert"><?cs var:data.error ?></p><?cs /if ?>
<form method="post" action="/app/orders<?cs if:data.id ?>/<?cs var:data.id ?><?cs /if ?>">
<input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>">
<p class="field<?cs if:data.fields.customer ?> invalid<?cs /if ?>"><label for="customer">Customer</label>
<select id="customer" name="customer"><option value="">(choose)</option><?cs each:p = data.customers ?>
<option value="<?cs var:p.code ?>"<?cs if:data.form.customer == p.code || data.form.customer == p.id ?> selected<?cs /if ?>><?cs var:p.name ?> (<?cs var:p.code ?>, <?cs var:p.currency ?>)</option><?cs /each ?>
</select><?cs if:data.fields.customer ?><span class="error"><?cs var:data.fields.customer ?></span><?cs /if ?></p>
<p class="field<?cs if:data.fields.currency ?> invalid<?cs /if ?>"><label for="currency">Currency</label>
<select id="currency" name="currency"><option value="">(the customer's)</option><?cs each:y = data.currencies ?>
<option<?cs if:data.form.currency == y.code ?> selected<?cs /if ?>><?cs var:y.code ?></option><?cs /each ?></select><?cs if:data.fields.currency ?><span class="error"><?cs var:data.fields.currency ?></span><?cs /if ?></p>
<p class="field<?cs if:data.fields.location ?> invalid<?cs /if ?>"><label for="location">Ship from</label>
<select id="location" name="location"><?cs each:l = data.locations ?>
<option value="<?cs var:l.code ?>"<?cs if:data.form.location == l.code ?> selected<?cs /if ?>><?cs var:l.name ?> (<?cs var:l.code ?>)</option><?cs /each ?></select><?cs if:data.fields.location ?><span class="error"><?cs var:data.fields.location ?></span><?cs /if ?></p>
<?cs call:field("order_date", "Order date (empty: today)", "date", data.form.order_date, data.fields.order_date) ?>
<?cs call:field("reference", "Reference (the customer's PO)", "text", data.form.reference, data.fields.reference) ?>
<p class="field<?cs if:data.fields.notes ?> invalid<?cs /if ?>"><label for="notes">Notes</label><textarea id="notes" name="notes" rows="2"><?cs var:data.form.notes ?></textarea><?cs if:data.fields.notes ?><span class="error"><?cs var:data.fields.notes ?></span><?cs /if ?></p>
<?cs if:data.fields.lines ?><p class="error"><?cs var:data.fields.lines ?></p><?cs /if ?>
<table class="list" tabindex="0"><thead><tr><th>Product (SKU)</th><th>Qty</th><th>Unit price</th><th>Discount %</th></tr></thead><tbody>
<?cs each:r = data.rows ?><tr<?cs if:r.error ?> class="invalid"<?cs /if ?>>
<td><input name="line_product" list="products" value="<?cs var:r.product ?>" size="14" aria-label="Product"></td>
<td><input name="line_quantity" value="<?cs var:r.quantity ?>" size="5" inputmode="numeric" aria-label="Quantity"></td>
<td><input name="line_unit_price" value="<?cs var:r.unit_price ?>" size="9" placeholder="(price list)" aria-label="Unit price"></td>
<td><input name="line_discount" value="<?cs var:r.discount ?>" size="4" aria-label="Discount"></td>
</tr><?cs if:r.error ?><tr><td colspan="4" class="error"><?cs var:r.error ?></td></tr><?cs /if ?>
<?cs /each ?></tbody></table>
<datalist id="products"><?cs each:p = data.products ?><option value="<?cs var:p.sku ?>"><?cs var:p.name ?></option><?cs /each ?></datalist>
<p>Totals and tax are worked out when you save.</p>
<p><label><input type="checkbox" name="place" value="yes"> Place it now (reserves the stock)</label></p>
<p><button type="submit">Save</button></p>
</form>
</section>
