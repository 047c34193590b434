<section>
<h1>API keys</h1>
<p>Keys let your other systems call Bursar's API. Each is limited to the scopes you choose.</p>
<form method="post" action="/app/api-keys" class="card">
<input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>">
<p class="field"><label for="name">Name (what will use it)</label><input id="name" name="name"></p>
<fieldset><legend>Scopes</legend>
<label><input type="checkbox" name="scope" value="sales.read"> sales.read</label>
<label><input type="checkbox" name="scope" value="sales.write"> sales.write</label>
<label><input type="checkbox" name="scope" value="inventory.read"> inventory.read</label>
<label><input type="checkbox" name="scope" value="ledger.read"> ledger.read</label>
<label><input type="checkbox" name="scope" value="reports.read"> reports.read</label>
</fieldset>
<p><button type="submit">Create a key</button></p>
</form>
<table class="list" tabindex="0"><thead><tr><th>Name</th><th>Key</th><th>Scopes</th><th>Created</th><th>Last used</th><th></th></tr></thead><tbody>
<?cs each:k = data.items ?><tr><td><?cs var:k.name ?></td><td><code><?cs var:k.prefix ?>_…</code></td><td><?cs var:k.scopes ?></td><td><?cs var:date(k.created_at) ?></td><td><?cs var:k.last_used_at ?></td>
<td><?cs if:k.revoked ?>revoked<?cs else ?><form class="inline" method="post" action="/app/api-keys/<?cs var:k.id ?>/revoke"><input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>"><button type="submit">Revoke</button></form><?cs /if ?></td></tr>
<?cs /each ?></tbody></table>
</section>
