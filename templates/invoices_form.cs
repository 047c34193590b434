<?cs include:"partials/field.cs" ?>
<section class="card">
<p><a href="/app/invoices">Invoices</a></p>
<h1><?cs if:data.id ?>Change the draft<?cs else ?>New invoice<?cs /if ?></h1>
<?cs if:data.error ?><p class="alert" role="alert"><?cs var:data.error ?></p><?cs /if ?>
<form method="post" action="/app/invoices<?cs if:data.id ?>/<?cs var:data.id ?><?cs /if ?>">
<input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>">
<p class="field<?cs if:data.fields.customer ?> invalid<?cs /if ?>"><label for="customer">Customer</label>
<select id="customer" name="customer"><option value="">(choose)</option><?cs each:p = data.customers ?>
<option value="<?cs var:p.code ?>"<?cs if:data.form.customer == p.code || data.form.customer == p.id ?> selected<?cs /if ?>><?cs var:p.name ?> (<?cs var:p.code ?>, <?cs var:p.currency ?>)</option><?cs /each ?>
</select><?cs if:data.fields.customer ?><span class="error"><?cs var:data.fields.customer ?></span><?cs /if ?></p>
<p class="field<?cs if:data.fields.currency ?> invalid<?cs /if ?>"><label for="currency">Currency</label>
<select id="currency" name="currency"><option value="">(the customer's)</option><?cs each:y = data.currencies ?>
<option<?cs if:data.form.currency == y.code ?> selected<?cs /if ?>><?cs var:y.code ?></option><?cs /each ?></select><?cs if:data.fields.currency ?><span class="error"><?cs var:data.fields.currency ?></span><?cs /if ?></p>
<?cs call:field("issue_date", "Issue date (empty: the day it is issued)", "date", data.form.issue_date, data.fields.issue_date) ?>
<?cs call:field("due_date", "Due date (empty: by the customer's terms)", "date", data.form.due_date, data.fields.due_date) ?>
<?cs call:field("reference", "Reference (the customer's PO)", "text", data.form.reference, data.fields.reference) ?>
<p class="field<?cs if:data.fields.notes ?> invalid<?cs /if ?>"><label for="notes">Notes</label><textarea id="notes" name="notes" rows="2"><?cs var:data.form.notes ?></textarea><?cs if:data.fields.notes ?><span class="error"><?cs var:data.fields.notes ?></span><?cs /if ?></p>
<?cs if:data.fields.lines ?><p class="error"><?cs var:data.fields.lines ?></p><?cs /if ?>
<table class="list" tabindex="0"><thead><tr><th>Product (SKU)</th><th>Description</th><th>Qty</th><th>Unit price</th><th>Discount %</th><th>Tax</th></tr></thead><tbody>
<?cs each:r = data.rows ?><tr<?cs if:r.error ?> class="invalid"<?cs /if ?>>
<td><input name="line_product" aria-label="Product" list="products" value="<?cs var:r.product ?>" size="10"></td>
<td><input name="line_description" aria-label="Description" value="<?cs var:r.description ?>" size="30"></td>
<td><input name="line_quantity" aria-label="Quantity" value="<?cs var:r.quantity ?>" size="5" inputmode="numeric"></td>
<td><input name="line_unit_price" aria-label="Unit price" value="<?cs var:r.unit_price ?>" size="9" placeholder="(price list)"></td>
<td><input name="line_discount" aria-label="Discount" value="<?cs var:r.discount ?>" size="4"></td>
<td><select name="line_tax_group" aria-label="Tax group"><option value="(product)"<?cs if:r.tax_group == "(product)" ?> selected<?cs /if ?>>(the product's)</option><option value=""<?cs if:r.tax_group == "" ?> selected<?cs /if ?>>none</option><?cs each:g = data.tax_groups ?><option value="<?cs var:g.code ?>"<?cs if:r.tax_group == g.code ?> selected<?cs /if ?>><?cs var:g.code ?></option><?cs /each ?></select></td>
</tr><?cs if:r.error ?><tr><td colspan="6" class="error"><?cs var:r.error ?></td></tr><?cs /if ?>
<?cs /each ?></tbody></table>
<datalist id="products"><?cs each:p = data.products ?><option value="<?cs var:p.sku ?>"><?cs var:p.name ?></option><?cs /each ?></datalist>
<p><label><input type="checkbox" name="issue" value="yes"> Issue it now (numbers and posts it)</label></p>
<p><button type="submit">Save</button></p>
</form>
</section>
