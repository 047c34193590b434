<?cs include:"partials/field.cs" ?>
<section class="card">
<p><a href="/app/payments">Payments</a></p>
<h1>New payment</h1>
<?cs if:data.error ?><p class="alert" role="alert"><?cs var:data.error ?></p><?cs /if ?>
<?cs if:!data.party_chosen ?><form method="get" action="/app/payments/new" class="filters" id="choose-party">
<p class="field"><label for="pick_direction">Money</label>
<select id="pick_direction" name="direction"><option value="in"<?cs if:data.form.direction != "out" ?> selected<?cs /if ?>>received from a customer</option><option value="out"<?cs if:data.form.direction == "out" ?> selected<?cs /if ?>>paid to a supplier</option></select></p>
<p class="field"><label for="pick_party">Party</label>
<select id="pick_party" name="party"><option value="">(choose)</option><?cs each:x = data.parties ?>
<option value="<?cs var:x.code ?>"><?cs var:x.name ?> (<?cs var:x.code ?>, <?cs var:x.currency ?>)</option><?cs /each ?></select></p>
<p><button type="submit">Show open invoices and bills</button></p>
</form><?cs /if ?>
<?cs if:data.party_chosen || data.error ?>
<form method="post" action="/app/payments">
<input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>">
<p class="field<?cs if:data.fields.direction ?> invalid<?cs /if ?>"><label for="direction">Money</label>
<select id="direction" name="direction"><option value="in"<?cs if:data.form.direction != "out" ?> selected<?cs /if ?>>received from a customer</option><option value="out"<?cs if:data.form.direction == "out" ?> selected<?cs /if ?>>paid to a supplier</option></select><?cs if:data.fields.direction ?><span class="error"><?cs var:data.fields.direction ?></span><?cs /if ?></p>
<p class="field<?cs if:data.fields.party ?> invalid<?cs /if ?>"><label for="party">Party</label>
<select id="party" name="party"><option value="">(choose)</option><?cs each:x = data.parties ?>
<option value="<?cs var:x.code ?>"<?cs if:data.form.party == x.code || data.form.party == x.id ?> selected<?cs /if ?>><?cs var:x.name ?> (<?cs var:x.code ?>, <?cs var:x.currency ?><?cs if:x.customer ?>, customer<?cs /if ?><?cs if:x.supplier ?>, supplier<?cs /if ?>)</option><?cs /each ?>
</select><?cs if:data.fields.party ?><span class="error"><?cs var:data.fields.party ?></span><?cs /if ?></p>
<?cs call:field("amount", "Amount", "text", data.form.amount, data.fields.amount) ?>
<p class="field<?cs if:data.fields.currency ?> invalid<?cs /if ?>"><label for="currency">Currency</label>
<select id="currency" name="currency"><option value="">(the party's)</option><?cs each:y = data.currencies ?>
<option<?cs if:data.form.currency == y.code ?> selected<?cs /if ?>><?cs var:y.code ?></option><?cs /each ?></select><?cs if:data.fields.currency ?><span class="error"><?cs var:data.fields.currency ?></span><?cs /if ?></p>
<p class="field<?cs if:data.fields.method ?> invalid<?cs /if ?>"><label for="method">Method</label>
<select id="method" name="method">
<option value="bank_transfer"<?cs if:data.form.method == "bank_transfer" || !data.form.method ?> selected<?cs /if ?>>bank transfer</option>
<option value="cash"<?cs if:data.form.method == "cash" ?> selected<?cs /if ?>>cash</option>
<option value="card"<?cs if:data.form.method == "card" ?> selected<?cs /if ?>>card</option>
<option value="cheque"<?cs if:data.form.method == "cheque" ?> selected<?cs /if ?>>cheque</option>
<option value="upi"<?cs if:data.form.method == "upi" ?> selected<?cs /if ?>>UPI</option>
<option value="other"<?cs if:data.form.method == "other" ?> selected<?cs /if ?>>other</option></select><?cs if:data.fields.method ?><span class="error"><?cs var:data.fields.method ?></span><?cs /if ?></p>
<p class="field<?cs if:data.fields.account ?> invalid<?cs /if ?>"><label for="account">Account</label>
<select id="account" name="account"><option value="">(bank, or cash for cash)</option><?cs each:a = data.accounts ?><option value="<?cs var:a.code ?>"<?cs if:data.form.account == a.code ?> selected<?cs /if ?>><?cs var:a.code ?> <?cs var:a.name ?></option><?cs /each ?></select><?cs if:data.fields.account ?><span class="error"><?cs var:data.fields.account ?></span><?cs /if ?></p>
<?cs call:field("payment_date", "Date (empty: today)", "date", data.form.payment_date, data.fields.payment_date) ?>
<?cs call:field("reference", "Reference (cheque or transfer number)", "text", data.form.reference, data.fields.reference) ?>
<p class="field<?cs if:data.fields.notes ?> invalid<?cs /if ?>"><label for="notes">Notes</label><textarea id="notes" name="notes" rows="2"><?cs var:data.form.notes ?></textarea></p>
<h2>Allocate to invoices or bills</h2>
<?cs if:data.fields.allocations ?><p class="error"><?cs var:data.fields.allocations ?></p><?cs /if ?>
<?cs each:r = data.rows ?><?cs if:r.error ?><p class="error"><?cs var:r.doc ?>: <?cs var:r.error ?></p><?cs /if ?><?cs /each ?>
<?cs if:data.party_chosen ?><?cs if:subcount(data.open) ?>
<p>Type what this payment settles of each; leave the others empty. What is not allocated stays as the party's credit.</p>
<table class="list" id="open-docs" tabindex="0"><thead><tr><th><?cs if:data.form.direction == "out" ?>Bill<?cs else ?>Invoice<?cs /if ?></th><th>Dated</th><th>Due</th><th class="num">Total</th><th class="num">Open</th><th>Allocate</th></tr></thead><tbody>
<?cs each:o = data.open ?><tr><td><?cs var:o.number ?><input type="hidden" name="alloc_doc" value="<?cs var:o.number ?>"></td><td><?cs var:o.date ?></td><td><?cs var:o.due_date ?></td><td class="num"><?cs var:o.total ?> <?cs var:o.currency ?></td><td class="num"><?cs var:o.open ?></td><td><input name="alloc_amount" value="<?cs var:o.amount ?>" size="10" inputmode="decimal" aria-label="Amount for <?cs var:o.number ?>"></td></tr>
<?cs /each ?></tbody></table>
<?cs else ?><p>This party has nothing open: the whole payment stays as their credit.</p><?cs /if ?>
<?cs else ?><p>No party chosen: the payment stays as their credit until it is allocated.</p>
<?cs /if ?>
<p><button type="submit">Record the payment</button></p>
</form><?cs /if ?>
</section>
