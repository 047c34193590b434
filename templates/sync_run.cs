<section>
<p><a href="/app/sync">Sync</a></p>
<h1>Run of <?cs var:data.kind ?>, <?cs var:date(data.created_at) ?></h1>
<p><?cs var:data.total ?> records: <?cs var:data.new ?> new, <?cs var:data.unchanged ?> unchanged, <?cs var:date(data.updated) ?> updated, <?cs var:data.invalid ?> invalid, <?cs var:data.error ?> failed here.</p>
<div class="scroll"><table class="list" tabindex="0"><thead><tr><th class="num">#</th><th>Id</th><th>Outcome</th><th>Why</th></tr></thead><tbody>
<?cs each:o = data.records ?><tr><td class="num"><?cs var:o.n ?></td><td><?cs if:o.source_id && (o.outcome == "new" || o.outcome == "updated" || o.outcome == "unchanged") ?><a href="/app/sync/records/<?cs var:data.kind ?>/<?cs var:url_escape(o.source_id) ?>"><?cs var:o.source_id ?></a><?cs else ?><?cs var:o.source_id ?><?cs /if ?></td><td><?cs var:o.outcome ?></td>
<td><?cs each:r = o.reasons ?><?cs if:r.field ?><code><?cs var:r.field ?></code> <?cs var:r.problem ?><?cs else ?><?cs var:r.error ?><?cs /if ?><br><?cs /each ?></td></tr>
<?cs /each ?></tbody></table></div>
</section>
