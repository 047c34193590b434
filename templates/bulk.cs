<section>
<h1><?cs var:data.what ?></h1>
<p role="status"><?cs var:data.done ?> done<?cs if:data.refused > 0 ?>, <?cs var:data.refused ?> refused<?cs /if ?>.</p>
<div class="table-wrap"><table class="list bulk-results" tabindex="0"><thead><tr><th scope="col">Row</th><th scope="col">Outcome</th></tr></thead><tbody>
<?cs each:r = data.results ?><tr class="<?cs if:r.ok ?>done<?cs else ?>refused<?cs /if ?>"><td><a href="<?cs var:data.href_base ?><?cs var:r.id ?>"><?cs var:r.label ?></a></td><td><?cs if:r.ok ?>Done: <?cs else ?>Not done: <?cs /if ?><?cs var:r.message ?></td></tr>
<?cs /each ?></tbody></table></div>
<p><a href="<?cs var:data.back_href ?>"><?cs var:data.back ?></a></p>
</section>
