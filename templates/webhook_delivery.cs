<section>
<p><a href="/app/webhooks/<?cs var:data.subscription_id ?>">The webhook</a></p>
<h1>Delivery of <?cs var:data.event_type ?></h1>
<dl>
<dt>Status</dt><dd><?cs var:words(data.status) ?><?cs if:data.next_attempt_at ?>, next attempt at <?cs var:date(data.next_attempt_at) ?><?cs /if ?></dd>
<dt>webhook-id</dt><dd><code><?cs var:data.webhook_id ?></code></dd>
<dt>Sent to</dt><dd><?cs var:data.request.url ?></dd>
</dl>
<h2>Body</h2>
<pre class="scroll"><?cs var:data.request.body ?></pre>
<?cs if:data.status != "succeeded" ?><form method="post" action="/app/webhook-deliveries/<?cs var:data.id ?>/retry"><input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>"><button type="submit">Send it again now</button></form><?cs /if ?>
<h2>Attempts</h2>
<?cs if:!subcount(data.attempts_made) ?><p>None yet.</p><?cs else ?>
<div class="scroll"><table class="list" tabindex="0"><thead><tr><th class="num">#</th><th>When</th><th class="num">ms</th><th>Status code</th><th>Error</th><th>Response</th></tr></thead><tbody>
<?cs each:a = data.attempts_made ?><tr><td class="num"><?cs var:a.n ?></td><td><?cs var:a.started_at ?></td><td class="num"><?cs var:a.duration_ms ?></td><td><?cs var:a.status_code ?></td><td><?cs var:a.error ?></td><td><code><?cs var:a.response ?></code></td></tr>
<?cs /each ?></tbody></table></div><?cs /if ?>
</section>
