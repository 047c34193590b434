<section>
<h1>Account balances</h1>
<?cs include:"journal_nav.cs" ?>
<?cs call:date_form("/app/ledger/balances", data.date) ?>
<p>Every account's balance at the end of <?cs var:date(data.date) ?>, in <?cs var:data.currency ?>. A group (in bold) adds up the accounts under it. Dr: a debit balance; Cr: a credit balance.</p>
<table class="list" tabindex="0"><thead><tr><th>Code</th><th>Account</th><th>Type</th><th class="num">Debits</th><th class="num">Credits</th><th class="num">Balance</th></tr></thead><tbody>
<?cs each:a = data.items ?><tr<?cs if:a.archived ?> class="muted"<?cs /if ?>><td><a href="/app/ledger/accounts/<?cs var:a.code ?>?to=<?cs var:data.date ?>"><?cs var:a.code ?></a></td>
<td><?cs loop:i = 1, a.depth, 1 ?>&nbsp;&nbsp;&nbsp;&nbsp;<?cs /loop ?><?cs if:a.is_group ?><strong><?cs var:a.name ?></strong><?cs else ?><?cs var:a.name ?><?cs /if ?><?cs if:a.archived ?> (archived)<?cs /if ?></td>
<td><?cs var:words(a.type) ?></td><td class="num"><?cs var:a.debit ?></td><td class="num"><?cs var:a.credit ?></td>
<td class="num"><?cs if:a.is_group ?><strong><?cs var:a.balance ?> <?cs var:a.side ?></strong><?cs else ?><?cs var:a.balance ?> <?cs var:a.side ?><?cs /if ?></td></tr>
<?cs /each ?></tbody></table>
</section>
