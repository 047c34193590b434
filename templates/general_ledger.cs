<section>
<h1><?cs var:data.account.code ?> <?cs var:data.account.name ?></h1>
<?cs include:"journal_nav.cs" ?>
<form method="get" action="/app/ledger/accounts/<?cs var:data.account.code ?>" class="filters">
<label>From <input name="from" type="date" value="<?cs var:data.from ?>"></label>
<label>To <input name="to" type="date" value="<?cs var:data.to ?>"></label>
<button type="submit">Show</button>
<a href="<?cs var:data.csv_href ?>">Download CSV</a>
</form>
<p>The general ledger of <?cs var:words(data.account.type) ?> account <?cs var:data.account.code ?><?cs if:data.account.is_group ?> and every account under it<?cs /if ?>, in <?cs var:data.currency ?>, <?cs if:data.from ?>from <?cs var:data.from ?><?cs else ?>from the first entry<?cs /if ?> <?cs if:data.to ?>to <?cs var:data.to ?><?cs else ?>to the last<?cs /if ?>. The balance is debits less credits.</p>
<table class="list" tabindex="0"><thead><tr><th>Date</th><th>Entry</th><th>Memo</th><th>Other account</th><th class="num">Debit</th><th class="num">Credit</th><th class="num">Balance</th></tr></thead><tbody>
<?cs if:!data.continued ?><tr><td><?cs var:data.from ?></td><td></td><td><strong>Opening balance</strong></td><td></td><td></td><td></td><td class="num"><strong><?cs var:data.opening ?></strong></td></tr><?cs /if ?>
<?cs each:l = data.items ?><tr><td><?cs var:date(l.date) ?></td><td><a href="/app/journal/<?cs var:l.entry_id ?>"><?cs var:l.seq ?></a></td>
<td><?cs var:l.memo ?><?cs if:l.line_memo ?> · <?cs var:l.line_memo ?><?cs /if ?><?cs if:data.account.is_group ?> (<?cs var:l.account_code ?>)<?cs /if ?></td>
<td><?cs if:l.split ?>split<?cs elif:l.counter_code ?><?cs var:l.counter_code ?> <?cs var:l.counter_name ?><?cs /if ?></td>
<td class="num"><?cs var:l.debit ?></td><td class="num"><?cs var:l.credit ?></td><td class="num"><?cs var:l.balance ?></td></tr>
<?cs /each ?></tbody>
<tfoot><tr><th><?cs var:data.to ?></th><th></th><th>Closing balance</th><th></th><th class="num"><?cs var:data.debit ?></th><th class="num"><?cs var:data.credit ?></th><th class="num"><?cs var:data.closing ?></th></tr></tfoot></table>
<?cs if:data.next_href ?><p><a href="<?cs var:data.next_href ?>">Next lines</a> (the totals and the closing balance above are for the whole range)</p><?cs /if ?>
</section>
