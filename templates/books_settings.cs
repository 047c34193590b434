<section class="card">
<h1>Book settings</h1>
<p><a href="/app/accounts">Chart of accounts</a> · <a href="/app/years">Years and periods</a> · <a href="/app/tax-groups">Tax groups</a></p>
<?cs if:data.error ?><p class="alert" role="alert"><?cs var:data.error ?></p><?cs /if ?>
<form method="post" action="/app/books/settings">
<input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>">
<fieldset<?cs if:data.fields.tax_rounding ?> class="invalid"<?cs /if ?>><legend>Rounding of tax</legend>
<p><label><input type="radio" name="tax_rounding" value="line"<?cs if:data.form.tax_rounding == "line" ?> checked<?cs /if ?>> <strong>Per line</strong>: each line's tax is worked out and rounded to the currency's smallest unit on its own; the document's tax is the sum of its lines.</label></p>
<p><label><input type="radio" name="tax_rounding" value="document"<?cs if:data.form.tax_rounding == "document" ?> checked<?cs /if ?>> <strong>Per document</strong>: for each tax code, each component's tax is worked out once on the document's total and rounded once, then shared out over the lines so that they add up to it exactly.</label></p>
<?cs if:data.fields.tax_rounding ?><p class="error"><?cs var:data.fields.tax_rounding ?></p><?cs /if ?>
</fieldset>
<p class="field<?cs if:data.fields.year_start_month ?> invalid<?cs /if ?>"><label for="year_start_month">The financial year starts in (for the next year opened when there is none yet)</label>
<select id="year_start_month" name="year_start_month">
<option value="1"<?cs if:data.form.year_start_month == "1" ?> selected<?cs /if ?>>January</option>
<option value="2"<?cs if:data.form.year_start_month == "2" ?> selected<?cs /if ?>>February</option>
<option value="3"<?cs if:data.form.year_start_month == "3" ?> selected<?cs /if ?>>March</option>
<option value="4"<?cs if:data.form.year_start_month == "4" ?> selected<?cs /if ?>>April</option>
<option value="5"<?cs if:data.form.year_start_month == "5" ?> selected<?cs /if ?>>May</option>
<option value="6"<?cs if:data.form.year_start_month == "6" ?> selected<?cs /if ?>>June</option>
<option value="7"<?cs if:data.form.year_start_month == "7" ?> selected<?cs /if ?>>July</option>
<option value="8"<?cs if:data.form.year_start_month == "8" ?> selected<?cs /if ?>>August</option>
<option value="9"<?cs if:data.form.year_start_month == "9" ?> selected<?cs /if ?>>September</option>
<option value="10"<?cs if:data.form.year_start_month == "10" ?> selected<?cs /if ?>>October</option>
<option value="11"<?cs if:data.form.year_start_month == "11" ?> selected<?cs /if ?>>November</option>
<option value="12"<?cs if:data.form.year_start_month == "12" ?> selected<?cs /if ?>>December</option>
</select><?cs if:data.fields.year_start_month ?><span class="error"><?cs var:data.fields.year_start_month ?></span><?cs /if ?></p>
<p><button type="submit">Save</button></p>
</form>
</section>
