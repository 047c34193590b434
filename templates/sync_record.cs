<section>
<p><a href="/app/sync">Sync</a></p>
<h1><?cs var:data.kind ?> <?cs var:data.id ?></h1>
<?cs each:v = data.versions ?><div class="card"><h2>Version <?cs var:v.version ?>, <?cs var:date(v.created_at) ?></h2>
<?cs if:v.changed ?><p>Changed: <?cs var:v.changed ?></p><?cs /if ?>
<pre class="scroll"><?cs var:v.text ?></pre></div>
<?cs /each ?>
</section>
