<?cs include:"partials/field.cs" ?>
<section class="card">
<h1>Commerce settings</h1>
<?cs if:data.error ?><p class="alert" role="alert"><?cs var:data.error ?></p><?cs /if ?>
<form method="post" action="/app/commerce/settings">
<input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>">
<p class="field<?cs if:data.fields.invoice_on ?> invalid<?cs /if ?>"><label for="invoice_on">Invoice an order</label>
<select id="invoice_on" name="invoice_on">
<option value="place"<?cs if:data.form.invoice_on == "place" ?> selected<?cs /if ?>>when it is placed</option>
<option value="ship"<?cs if:data.form.invoice_on == "ship" ?> selected<?cs /if ?>>when it ships</option>
<option value="manual"<?cs if:data.form.invoice_on == "manual" ?> selected<?cs /if ?>>by hand</option></select>
<?cs if:data.fields.invoice_on ?><span class="error"><?cs var:data.fields.invoice_on ?></span><?cs /if ?></p>
<?cs call:field("default_terms_days", "Default payment terms (days)", "number", data.form.default_terms_days, data.fields.default_terms_days) ?>
<?cs call:field("invoice_prefix", "Invoice numbers start with", "text", data.form.invoice_prefix, data.fields.invoice_prefix) ?>
<?cs call:field("credit_note_prefix", "Credit note numbers start with", "text", data.form.credit_note_prefix, data.fields.credit_note_prefix) ?>
<?cs call:field("order_prefix", "Order numbers start with", "text", data.form.order_prefix, data.fields.order_prefix) ?>
<?cs call:field("bill_prefix", "Bill numbers start with", "text", data.form.bill_prefix, data.fields.bill_prefix) ?>
<?cs call:field("payment_prefix", "Payment numbers start with", "text", data.form.payment_prefix, data.fields.payment_prefix) ?>
<p class="field<?cs if:data.fields.payment_instructions ?> invalid<?cs /if ?>"><label for="payment_instructions">Payment instructions (printed on invoices)</label>
<textarea id="payment_instructions" name="payment_instructions" rows="3"><?cs var:data.form.payment_instructions ?></textarea>
<?cs if:data.fields.payment_instructions ?><span class="error"><?cs var:data.fields.payment_instructions ?></span><?cs /if ?></p>
<p class="field<?cs if:data.fields.address ?> invalid<?cs /if ?>"><label for="address">The business's address</label>
<textarea id="address" name="address" rows="3"><?cs var:data.form.address ?></textarea>
<?cs if:data.fields.address ?><span class="error"><?cs var:data.fields.address ?></span><?cs /if ?></p>
<?cs call:field("tax_id", "The business's tax id (GSTIN, VAT number)", "text", data.form.tax_id, data.fields.tax_id) ?>
<p class="field<?cs if:data.fields.number_format ?> invalid<?cs /if ?>"><label for="number_format">Amounts are written</label>
<select id="number_format" name="number_format">
<option value="indian"<?cs if:data.form.number_format == "indian" ?> selected<?cs /if ?>>12,34,567.89 (lakh and crore)</option>
<option value="western"<?cs if:data.form.number_format == "western" ?> selected<?cs /if ?>>1,234,567.89</option>
<option value="continental"<?cs if:data.form.number_format == "continental" ?> selected<?cs /if ?>>1.234.567,89 (a decimal comma)</option></select>
<?cs if:data.fields.number_format ?><span class="error"><?cs var:data.fields.number_format ?></span><?cs /if ?></p>
<p class="field<?cs if:data.fields.date_format ?> invalid<?cs /if ?>"><label for="date_format">Dates are written</label>
<select id="date_format" name="date_format">
<?cs each:f = data.date_formats ?><option value="<?cs var:f ?>"<?cs if:data.form.date_format == f ?> selected<?cs /if ?>><?cs var:f ?></option><?cs /each ?></select>
<?cs if:data.fields.date_format ?><span class="error"><?cs var:data.fields.date_format ?></span><?cs /if ?></p>
<?cs if:data.can_write ?><p><button type="submit">Save</button></p><?cs /if ?>
</form>
</section>
