<section>
<h1>Sync</h1>
<p>What another system (a CRM) pushed here through <code>/api/v1/sync/units</code>, <code>registrations</code>, <code>payments</code> and <code>grades</code>, run by run. <a href="/app/sync/schemas">The schemas</a> · <a href="/app/sync/invalid">Records refused</a></p>
<?cs if:!subcount(data.items) ?><p>Nothing has been pushed yet.</p><?cs else ?>
<div class="scroll"><table class="list" tabindex="0"><thead><tr><th>When</th><th>Records</th><th class="num">Total</th><th class="num">New</th><th class="num">Unchanged</th><th class="num">Updated</th><th class="num">Invalid</th><th class="num">Error</th></tr></thead><tbody>
<?cs each:r = data.items ?><tr><td><a href="/app/sync/runs/<?cs var:r.id ?>"><?cs var:date(r.created_at) ?></a></td><td><?cs var:r.kind ?></td><td class="num"><?cs var:r.total ?></td><td class="num"><?cs var:r.new ?></td><td class="num"><?cs var:r.unchanged ?></td><td class="num"><?cs var:date(r.updated) ?></td><td class="num"><?cs var:r.invalid ?></td><td class="num"><?cs var:r.error ?></td></tr>
<?cs /each ?></tbody></table></div><?cs /if ?>
</section>
