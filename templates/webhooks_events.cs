<section>
<p><a href="/app/webhooks">Webhooks</a></p>
<h1>The events Bursar sends</h1>
<p>Each delivery's body is <code>{"id", "type", "timestamp", "data"}</code>; <code>data</code> is the event's payload, as in the examples.</p>
<div class="scroll"><table class="list" tabindex="0"><thead><tr><th>Event</th><th>What it means</th></tr></thead><tbody>
<?cs each:t = data.items ?><tr><td><code><?cs var:t.type ?></code></td><td><?cs var:t.description ?></td></tr>
<?cs /each ?></tbody></table></div>
</section>
