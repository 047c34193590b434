<?cs include:"partials/field.cs" ?>
<?cs with:w = data.webhook ?>
<section>
<p><a href="/app/webhooks">Webhooks</a></p>
<h1>Webhook to <?cs var:w.url ?></h1>
<?cs if:data.error ?><p class="alert" role="alert"><?cs var:data.error ?></p><?cs /if ?>
<?cs if:w.secret ?><div class="card"><h2>Signing secret</h2><p><code class="secret"><?cs var:w.secret ?></code></p><p class="alert"><?cs var:data.note ?></p></div><?cs /if ?>
<dl>
<dt>Status</dt><dd><?cs if:w.active ?>Active<?cs else ?>Disabled<?cs if:w.disabled_reason ?>: <?cs var:w.disabled_reason ?><?cs /if ?><?cs /if ?></dd>
<dt>Events</dt><dd><?cs each:t = w.event_types ?><code><?cs var:t ?></code> <?cs /each ?></dd>
<dt>Description</dt><dd><?cs var:w.description ?></dd>
<dt>Timeout</dt><dd><?cs var:w.timeout ?> s</dd>
<dt>Retries after</dt><dd><?cs each:s = w.retry_schedule ?><?cs var:s ?> s <?cs /each ?></dd>
<dt>Failed attempts in a row</dt><dd><?cs var:w.failures ?> (disabled at <?cs var:w.failure_limit ?>)</dd>
<?cs if:w.previous_secret_until ?><dt>Previous secret</dt><dd>still signs until <?cs var:w.previous_secret_until ?></dd><?cs /if ?>
</dl>
<div class="actions">
<form method="post" action="/app/webhooks/<?cs var:w.id ?>/test"><input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>"><button type="submit">Send a test</button></form>
<form method="post" action="/app/webhooks/<?cs var:w.id ?>"><input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>"><input type="hidden" name="active_sent" value="1"><?cs if:!w.active ?><input type="hidden" name="active" value="1"><button type="submit">Enable</button><?cs else ?><button type="submit">Disable</button><?cs /if ?></form>
<form method="post" action="/app/webhooks/<?cs var:w.id ?>/rotate-secret"><input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>"><button type="submit">Rotate the secret</button></form>
<form method="post" action="/app/webhooks/<?cs var:w.id ?>/replay" class="filters"><input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>"><label for="since">Failed since</label> <input id="since" name="since" type="date"<?cs if:data.fields.since ?> aria-invalid="true"<?cs /if ?>><button type="submit">Send them again</button><?cs if:data.fields.since ?> <span class="error"><?cs var:data.fields.since ?></span><?cs /if ?></form>
<form method="post" action="/app/webhooks/<?cs var:w.id ?>/delete"><input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>"><button type="submit" class="danger">Delete the webhook and its history</button></form>
</div>
</section>
<section>
<h2>Deliveries</h2>
<p><a href="/app/webhooks/<?cs var:w.id ?>/deliveries">All deliveries, with filters</a></p>
<?cs if:!subcount(data.deliveries) ?><p>None yet.</p><?cs else ?>
<div class="scroll"><table class="list" tabindex="0"><thead><tr><th>When</th><th>Event</th><th>Status</th><th class="num">Attempts</th><th>Last answer</th></tr></thead><tbody>
<?cs each:d = data.deliveries ?><tr><td><a href="/app/webhook-deliveries/<?cs var:d.id ?>"><?cs var:date(d.created_at) ?></a></td><td><?cs var:d.event_type ?></td><td><?cs var:words(d.status) ?></td><td class="num"><?cs var:d.attempts ?></td><td><?cs var:d.last_status_code ?> <?cs var:d.last_error ?></td></tr>
<?cs /each ?></tbody></table></div><?cs /if ?>
</section>
<?cs /with ?>
