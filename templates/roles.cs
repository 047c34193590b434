<section>
<h1>Roles and permissions</h1>
<table class="list" tabindex="0"><thead><tr><th>Role</th><th>May</th></tr></thead><tbody>
<?cs each:r = data.items ?><tr><td><?cs var:r.name ?><?cs if:r.builtin ?> (built in)<?cs /if ?></td><td><?cs var:r.permissions ?></td></tr><?cs /each ?>
</tbody></table>
<form method="post" action="/app/roles" class="card">
<h2>Create or change a custom role</h2>
<input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>">
<p class="field"><label for="name">Name</label><input id="name" name="name"></p>
<fieldset><legend>Permissions</legend><?cs each:p = data.permissions ?>
<label><input type="checkbox" name="permission" value="<?cs var:p.name ?>"> <code><?cs var:p.name ?></code> <?cs var:p.description ?></label><br><?cs /each ?>
</fieldset>
<p><button type="submit">Save the role</button></p>
</form>
</section>
