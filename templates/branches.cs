<section>
<h1>Branches</h1>
<table class="list" tabindex="0"><thead><tr><th>Code</th><th>Name</th></tr></thead><tbody>
<?cs each:b = data.items ?><tr><td><?cs var:b.code ?></td><td><?cs var:b.name ?></td></tr><?cs /each ?>
</tbody></table>
<form method="post" action="/app/branches" class="card">
<h2>Add a branch</h2>
<input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>">
<p class="field"><label for="code">Code</label><input id="code" name="code"></p>
<p class="field"><label for="bname">Name</label><input id="bname" name="name"></p>
<p><button type="submit">Add</button></p>
</form>
</section>
