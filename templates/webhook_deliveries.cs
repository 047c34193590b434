<section>
<p><a href="/app/webhooks/<?cs var:data.webhook_id ?>">The webhook</a></p>
<h1>Deliveries</h1>
<form method="get" class="filters">
<label for="status">Status</label> <select id="status" name="status"><option value="">any</option><option>pending</option><option>succeeded</option><option>failed</option></select>
<label for="event_type">Event</label> <input id="event_type" name="event_type">
<label for="from">From</label> <input id="from" name="from" type="date">
<label for="to">To</label> <input id="to" name="to" type="date">
<button type="submit">Filter</button></form>
<?cs if:!subcount(data.items) ?><p>No deliveries.</p><?cs else ?>
<div class="scroll"><table class="list" tabindex="0"><thead><tr><th>When</th><th>Event</th><th>Status</th><th class="num">Attempts</th><th>Last answer</th></tr></thead><tbody>
<?cs each:d = data.items ?><tr><td><a href="/app/webhook-deliveries/<?cs var:d.id ?>"><?cs var:date(d.created_at) ?></a></td><td><?cs var:d.event_type ?></td><td><?cs var:words(d.status) ?></td><td class="num"><?cs var:d.attempts ?></td><td><?cs var:d.last_status_code ?> <?cs var:d.last_error ?></td></tr>
<?cs /each ?></tbody></table></div><?cs /if ?>
<?cs if:data.next ?><p><a href="?cursor=<?cs var:url_escape(data.next) ?>">Older</a></p><?cs /if ?>
</section>
