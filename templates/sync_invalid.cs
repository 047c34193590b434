<section>
<p><a href="/app/sync">Sync</a></p>
<h1>Records refused</h1>
<form method="get" class="filters"><label for="kind">Records</label> <select id="kind" name="kind"><option value="">any</option><option<?cs if:data.filter.kind == "units" ?> selected<?cs /if ?>>units</option><option<?cs if:data.filter.kind == "registrations" ?> selected<?cs /if ?>>registrations</option><option<?cs if:data.filter.kind == "payments" ?> selected<?cs /if ?>>payments</option><option<?cs if:data.filter.kind == "grades" ?> selected<?cs /if ?>>grades</option></select>
<label for="field">Field</label> <input id="field" name="field" value="<?cs var:data.filter.field ?>"> <button type="submit">Filter</button></form>
<?cs if:!subcount(data.items) ?><p>None.</p><?cs else ?>
<div class="scroll"><table class="list" tabindex="0"><thead><tr><th>When</th><th>Records</th><th>Id</th><th>Outcome</th><th>Why</th></tr></thead><tbody>
<?cs each:o = data.items ?><tr><td><a href="/app/sync/runs/<?cs var:o.run_id ?>"><?cs var:date(o.created_at) ?></a></td><td><?cs var:o.kind ?></td><td><?cs var:o.source_id ?></td><td><?cs var:o.outcome ?></td>
<td><?cs each:r = o.reasons ?><?cs if:r.field ?><code><?cs var:r.field ?></code> <?cs var:r.problem ?><?cs else ?><?cs var:r.error ?><?cs /if ?><br><?cs /each ?></td></tr>
<?cs /each ?></tbody></table></div><?cs /if ?>
</section>
