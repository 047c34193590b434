<section>
<h1>Trial balance</h1>
<?cs include:"journal_nav.cs" ?>
<?cs call:date_form("/app/ledger/trial-balance", data.date) ?>
<p>Every account with postings up to <?cs var:date(data.date) ?>, in <?cs var:data.currency ?>: what was debited and credited to it, and its balance on the side it falls.</p>
<table class="list" tabindex="0"><thead><tr><th>Code</th><th>Account</th><th class="num">Debits</th><th class="num">Credits</th><th class="num">Debit balance</th><th class="num">Credit balance</th></tr></thead><tbody>
<?cs each:a = data.items ?><tr><td><a href="/app/ledger/accounts/<?cs var:a.code ?>?to=<?cs var:data.date ?>"><?cs var:a.code ?></a></td><td><?cs var:a.name ?></td>
<td class="num"><?cs var:a.debit ?></td><td class="num"><?cs var:a.credit ?></td><td class="num"><?cs var:a.balance_debit ?></td><td class="num"><?cs var:a.balance_credit ?></td></tr>
<?cs /each ?></tbody>
<tfoot><tr><th></th><th>Total</th><th class="num"><?cs var:data.totals.debit ?></th><th class="num"><?cs var:data.totals.credit ?></th><th class="num"><?cs var:data.totals.balance_debit ?></th><th class="num"><?cs var:data.totals.balance_credit ?></th></tr></tfoot></table>
<?cs if:data.totals.balanced ?><p>The totals agree: debits equal credits.</p><?cs else ?><p class="alert" role="alert">The totals do not agree. The books may have been changed outside Bursar: <a href="/app/ledger/verify">check them</a>.</p><?cs /if ?>
</section>
