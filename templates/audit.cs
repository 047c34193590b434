<section>
<h1>Audit log</h1>
<form method="get" action="/app/audit" class="filters">
<label>Action <input name="action" value="<?cs var:data.filter.action ?>" placeholder="user.signed_in"></label>
<label>Actor <input name="actor" value="<?cs var:data.filter.actor ?>" placeholder="email"></label>
<label>From <input name="from" type="date" value="<?cs var:data.filter.from ?>"></label>
<label>To <input name="to" type="date" value="<?cs var:data.filter.to ?>"></label>
<button type="submit">Filter</button>
</form>
<form method="post" action="/app/audit/verify" class="inline"><input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>"><button type="submit">Verify the chain</button></form>
<table class="list" tabindex="0"><thead><tr><th>#</th><th>When (UTC)</th><th>Who</th><th>From</th><th>What</th><th>Record</th></tr></thead><tbody>
<?cs each:e = data.items ?><tr><td><?cs var:e.seq ?></td><td><?cs var:date(e.at) ?></td><td><?cs var:e.actor ?></td><td><?cs var:e.ip ?></td><td><code><?cs var:e.action ?></code></td><td><?cs var:e.record_type ?> <?cs var:e.record_id ?></td></tr>
<?cs /each ?></tbody></table>
<?cs if:data.next ?><p><a href="/app/audit?cursor=<?cs var:data.next ?>&amp;action=<?cs var:data.filter.action ?>&amp;actor=<?cs var:data.filter.actor ?>&amp;from=<?cs var:data.filter.from ?>&amp;to=<?cs var:data.filter.to ?>">Older entries</a></p><?cs /if ?>
</section>
