<section>
<p><a href="/app/sync">Sync</a></p>
<h1>What a CRM can push</h1>
<p><?cs var:data.order ?>. Send <code>{"data": [records]}</code> (up to 10,000), one record as JSON, or one record as a form (lookups and money as <code>student.id</code>, <code>fee.amount</code>), with an API key holding sync.write.</p>
<?cs each:s = data.schemas ?><div class="card"><h2><?cs var:s.order ?>. <code>POST /api/v1/sync/<?cs var:s.kind ?></code></h2><p><?cs var:s.description ?></p>
<div class="scroll"><table class="list" tabindex="0"><thead><tr><th>Field</th><th>Type</th><th>Required</th><th>Format</th><th>What it is</th></tr></thead><tbody>
<?cs each:f = s.fields ?><tr><td><code><?cs var:f.name ?></code></td><td><?cs var:f.type ?><?cs if:f.lookup ?> of a <?cs var:f.lookup ?><?cs /if ?></td><td><?cs if:f.required ?>yes<?cs else ?>no<?cs /if ?></td><td><?cs var:f.values ?><?cs if:f.max_length ?>at most <?cs var:f.max_length ?> characters<?cs /if ?><?cs if:f.max ?><?cs var:f.min ?> to <?cs var:f.max ?><?cs /if ?></td><td><?cs var:f.description ?></td></tr>
<?cs /each ?></tbody></table></div><?cs if:s.one_of_required ?><p>One of <?cs each:x = s.one_of_required ?><code><?cs var:x ?></code> <?cs /each ?>is required.</p><?cs /if ?></div>
<?cs /each ?>
</section>
