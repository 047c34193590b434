<?cs include:"partials/field.cs" ?>
<section class="card">
<h1>New journal entry</h1>
<?cs include:"journal_nav.cs" ?>
<p>Each line takes a debit or a credit. The entry is saved once its debits equal its credits; it can be corrected later only by reversing it.</p>
<?cs if:data.error ?><p class="alert" role="alert"><?cs var:data.error ?></p><?cs /if ?>
<form id="entry-form" method="post" action="/app/journal">
<input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>">
<?cs call:field("date", "Date", "date", data.form.date, data.fields.date) ?>
<?cs call:field("memo", "Memo", "text", data.form.memo, data.fields.memo) ?>
<p class="field<?cs if:data.fields.currency ?> invalid<?cs /if ?>"><label for="currency">Currency</label>
<select id="currency" name="currency"><?cs each:x = data.currencies ?>
<option value="<?cs var:x.code ?>" data-digits="<?cs var:x.minor_units ?>"<?cs if:data.form.currency == x.code ?> selected<?cs /if ?>><?cs var:x.code ?> <?cs var:x.name ?></option><?cs /each ?>
</select><?cs if:data.fields.currency ?><span class="error"><?cs var:data.fields.currency ?></span><?cs /if ?></p>
<?cs call:field("rate", "Rate, for an entry in another currency (empty: the latest rate on or before the date)", "text", data.form.rate, data.fields.rate) ?>
<table class="list" tabindex="0"><thead><tr><th>Account</th><th>Debit</th><th>Credit</th><th>Line memo</th></tr></thead>
<tbody id="lines"><?cs each:l = data.lines ?><tr<?cs if:l.error ?> class="invalid"<?cs /if ?>>
<td><select name="line_account" aria-label="Account"><option value="">(choose)</option><?cs each:a = data.accounts ?>
<option value="<?cs var:a.code ?>"<?cs if:l.account == a.code ?> selected<?cs /if ?>><?cs var:a.code ?> <?cs var:a.name ?></option><?cs /each ?></select><?cs if:l.error ?><br><span class="error"><?cs var:l.error ?></span><?cs /if ?></td>
<td><input name="line_debit" value="<?cs var:l.debit ?>" inputmode="decimal" size="10" aria-label="Debit"></td>
<td><input name="line_credit" value="<?cs var:l.credit ?>" inputmode="decimal" size="10" aria-label="Credit"></td>
<td><input name="line_memo" value="<?cs var:l.memo ?>" aria-label="Line memo"></td></tr>
<?cs /each ?></tbody></table>
<?cs if:data.fields.lines ?><p class="error"><?cs var:data.fields.lines ?></p><?cs /if ?>
<p><button type="button" id="add-line">Add a line</button> Debits less credits: <output id="difference">0</output></p>
<p><button type="submit" id="save">Save the entry</button></p>
</form>
</section>
<script src="/static/journal.js" defer></script>
