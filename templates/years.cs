<?cs include:"partials/field.cs" ?>
<section>
<h1>Years and periods</h1>
<p><a href="/app/accounts">Chart of accounts</a> · <a href="/app/books/settings">Book settings</a></p>
<p>Nothing posts into a closed period; a period can be reopened until its year is closed. Closing a year posts one entry on its last day that carries every income and expense balance into retained earnings, then closes the year and its periods for good. Years close in order, the earliest first.</p>
<?cs if:data.error ?><p class="alert" role="alert"><?cs var:data.error ?></p><?cs /if ?>
<table class="list" tabindex="0"><thead><tr><th>Year / period</th><th>From</th><th>To</th><th>Status</th><th></th></tr></thead><tbody>
<?cs each:y = data.items ?><tr><td><strong><?cs var:y.name ?></strong></td><td><?cs var:date(y.start_date) ?></td><td><?cs var:date(y.end_date) ?></td>
<td><?cs if:y.closed ?>closed<?cs if:y.closing_entry_id ?> (closing entry <code><?cs var:y.closing_entry_id ?></code>)<?cs /if ?><?cs else ?>open<?cs /if ?></td>
<td><?cs if:!y.closed ?><form class="inline" method="post" action="/app/years/<?cs var:y.id ?>/close"><input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>"><button type="submit">Close the year</button></form><?cs /if ?></td></tr>
<?cs each:p = y.periods ?><tr><td>&nbsp;&nbsp;&nbsp;&nbsp;<?cs var:p.name ?></td><td><?cs var:date(p.start_date) ?></td><td><?cs var:date(p.end_date) ?></td>
<td><?cs if:p.closed ?>closed<?cs else ?>open<?cs /if ?></td>
<td><?cs if:!y.closed ?><form class="inline" method="post" action="/app/periods/<?cs var:p.id ?>/<?cs if:p.closed ?>reopen<?cs else ?>close<?cs /if ?>"><input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>"><button type="submit"><?cs if:p.closed ?>Reopen<?cs else ?>Close<?cs /if ?></button></form><?cs /if ?></td></tr>
<?cs /each ?><?cs /each ?></tbody></table>
</section>
<section class="card">
<h2>Open a year</h2>
<form method="post" action="/app/years">
<input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>">
<?cs call:field("start", "First day (the first of a month: twelve monthly periods follow)", "date", data.form.start, data.fields.start) ?>
<p><button type="submit">Open the year</button></p>
</form>
</section>
