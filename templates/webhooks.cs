<section>
<h1>Webhooks</h1>
<p>Bursar tells your other systems what happens here: each event it records (an order placed, an invoice paid, stock running low) is sent, signed, to the addresses below, and tried again until it is received. <a href="/app/webhooks/event-types">The events</a>.</p>
<?cs each:n = data.notices ?><p class="alert" role="alert"><?cs var:date(n.created_at) ?>: <?cs var:n.message ?><?cs if:n.link ?> <a href="<?cs var:n.link ?>">See it</a><?cs /if ?></p>
<?cs /each ?>
<p><a class="button" href="/app/webhooks/new">New webhook</a></p>
<?cs if:!subcount(data.items) ?><p>No webhooks yet.</p><?cs else ?>
<div class="scroll"><table class="list" tabindex="0"><thead><tr><th>Address</th><th>Events</th><th>Status</th><th>Description</th></tr></thead><tbody>
<?cs each:w = data.items ?><tr><td><a href="/app/webhooks/<?cs var:w.id ?>"><?cs var:w.url ?></a></td>
<td><?cs each:t = w.event_types ?><?cs var:t ?> <?cs /each ?></td>
<td><?cs if:w.active ?>Active<?cs else ?>Disabled<?cs if:w.disabled_reason ?>: <?cs var:w.disabled_reason ?><?cs /if ?><?cs /if ?></td>
<td><?cs var:w.description ?></td></tr>
<?cs /each ?></tbody></table></div><?cs /if ?>
</section>
