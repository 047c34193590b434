<p class="subnav"><a href="/app/journal">Journal</a> · <a href="/app/journal/new">New entry</a> · <a href="/app/ledger/balances">Balances</a> · <a href="/app/ledger/trial-balance">Trial balance</a> · <a href="/app/accounts">Chart of accounts</a> · <a href="/app/ledger/verify">Check the books</a> · <a href="/app/integrity">Integrity check</a> · <a href="/app/ledger/export.journal">Export (hledger)</a></p>
<?cs def:date_form(action, date) ?><form method="get" action="<?cs var:action ?>" class="filters">
<label>At the end of <input name="date" type="date" value="<?cs var:date ?>"></label>
<button type="submit">Show</button>
<a href="<?cs var:action ?>?date=<?cs var:date ?>&amp;format=csv">Download CSV</a>
</form><?cs /def ?>
