<section>
<h1>Journal</h1>
<?cs include:"journal_nav.cs" ?>
<form method="get" action="/app/journal" class="filters">
<label>From <input name="from" type="date" value="<?cs var:data.filter.from ?>"></label>
<label>To <input name="to" type="date" value="<?cs var:data.filter.to ?>"></label>
<label>Account <select name="account"><option value="">(any)</option><?cs each:a = data.accounts ?>
<option value="<?cs var:a.code ?>"<?cs if:data.filter.account == a.code ?> selected<?cs /if ?>><?cs var:a.code ?> <?cs var:a.name ?></option><?cs /each ?></select></label>
<label>Source <input name="source" value="<?cs var:data.filter.source ?>" placeholder="manual, invoice:…" size="12"></label>
<label>Party <input name="party" value="<?cs var:data.filter.party ?>" placeholder="id" size="12"></label>
<button type="submit">Filter</button>
<a href="<?cs var:data.csv_href ?>">Download CSV</a>
</form>
<?cs if:data.can_post ?><p><a class="button" href="/app/journal/new">New entry</a></p><?cs /if ?>
<?cs if:!subcount(data.items) ?><p>No entries<?cs if:data.filter.from || data.filter.to || data.filter.account || data.filter.source || data.filter.party ?> match these filters<?cs /if ?>.</p><?cs /if ?>
<?cs each:e = data.items ?><table class="list entry" tabindex="0"><thead>
<tr><th colspan="2"><a href="/app/journal/<?cs var:e.id ?>">#<?cs var:e.seq ?></a> · <?cs var:date(e.date) ?></th><th colspan="3"><?cs var:e.memo ?> <small>(<?cs var:words(e.source_type) ?><?cs if:e.source_id ?> <?cs var:e.source_id ?><?cs /if ?><?cs if:e.foreign ?>; <?cs var:e.currency ?> at <?cs var:e.rate ?><?cs /if ?><?cs if:e.reversal_of ?>; a reversal<?cs /if ?><?cs if:e.reversed_by ?>; reversed<?cs /if ?>)</small></th></tr></thead><tbody>
<?cs each:l = e.lines ?><tr><td><?cs var:l.account ?></td><td><?cs var:l.account_name ?></td><td><?cs var:l.memo ?></td><td class="num"><?cs var:l.debit ?></td><td class="num"><?cs var:l.credit ?></td></tr>
<?cs /each ?></tbody></table>
<?cs /each ?>
<?cs if:data.next_href ?><p><a href="<?cs var:data.next_href ?>">Older entries</a></p><?cs /if ?>
</section>
