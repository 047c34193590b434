<?cs include:"partials/field.cs" ?>
<section>
<h1>Journal entry <?cs if:data.entry.seq ?>#<?cs var:data.entry.seq ?><?cs else ?>(not chained)<?cs /if ?></h1>
<?cs include:"journal_nav.cs" ?>
<table class="list" tabindex="0"><tbody>
<tr><th>Date</th><td><?cs var:date(data.entry.date) ?></td></tr>
<tr><th>Memo</th><td><?cs var:data.entry.memo ?></td></tr>
<tr><th>Branch</th><td><?cs var:data.entry.branch ?></td></tr>
<tr><th>Source</th><td><?cs var:words(data.entry.source_type) ?><?cs if:data.entry.source_id ?> <?cs var:data.entry.source_id ?><?cs /if ?></td></tr>
<tr><th>Currency</th><td><?cs var:data.entry.currency ?><?cs if:data.entry.foreign ?> at <?cs var:data.entry.rate ?><?cs /if ?></td></tr>
<?cs if:data.entry.reversal_of ?><tr><th>Reverses</th><td><a href="/app/journal/<?cs var:data.entry.reversal_of ?>">the entry it corrects</a></td></tr><?cs /if ?>
<?cs if:data.entry.reversed_by ?><tr><th>Reversed by</th><td><a href="/app/journal/<?cs var:data.entry.reversed_by ?>">entry #<?cs var:data.entry.reversed_by_seq ?></a></td></tr><?cs /if ?>
<tr><th>Posted</th><td><?cs var:date(data.entry.created_at) ?></td></tr>
<tr><th>Chain hash</th><td><code><?cs var:data.entry.hash ?></code></td></tr>
<tr><th>Previous hash</th><td><code><?cs var:data.entry.prev_hash ?></code></td></tr>
</tbody></table>
<table class="list" tabindex="0"><thead><tr><th>#</th><th>Account</th><th>Memo</th><?cs if:data.entry.foreign ?><th class="num">Debit (<?cs var:data.entry.currency ?>)</th><th class="num">Credit (<?cs var:data.entry.currency ?>)</th><?cs /if ?><th class="num">Debit</th><th class="num">Credit</th></tr></thead><tbody>
<?cs each:l = data.entry.lines ?><tr><td><?cs var:l.line_no ?></td><td><a href="/app/ledger/accounts/<?cs var:l.account ?>"><?cs var:l.account ?></a> <?cs var:l.account_name ?></td><td><?cs var:l.memo ?><?cs if:l.tax_code ?> (<?cs var:l.tax_code ?>)<?cs /if ?></td>
<?cs if:data.entry.foreign ?><td class="num"><?cs var:l.tx_debit ?></td><td class="num"><?cs var:l.tx_credit ?></td><?cs /if ?><td class="num"><?cs var:l.debit ?></td><td class="num"><?cs var:l.credit ?></td></tr>
<?cs /each ?></tbody>
<tfoot><tr><th></th><th>Total</th><th></th><?cs if:data.entry.foreign ?><th></th><th></th><?cs /if ?><th class="num"><?cs var:data.entry.total ?></th><th class="num"><?cs var:data.entry.total ?></th></tr></tfoot></table>
<p><a href="/app/journal/<?cs var:data.entry.id ?>?format=csv">Download CSV</a></p>
</section>
<?cs if:data.can_post && !data.entry.reversed_by && !data.entry.reversal_of ?><section class="card">
<h2>Reverse this entry</h2>
<p>A posted entry is never changed. To correct it, post its reversal (the same lines, debits and credits swapped), then a new entry if needed.</p>
<form method="post" action="/app/journal/<?cs var:data.entry.id ?>/reverse">
<input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>">
<?cs call:field("date", "Date of the reversal", "date", data.today, "") ?>
<?cs call:field("memo", "Memo (empty: “Reversal: ” and the entry's memo)", "text", "", "") ?>
<p><button type="submit">Reverse</button></p>
</form>
</section><?cs /if ?>
