<?cs include:"partials/field.cs" ?>
<section class="card narrow">
<h1>Invite a user</h1>
<?cs if:data.error ?><p class="alert" role="alert"><?cs var:data.error ?></p><?cs /if ?>
<form method="post" action="/app/users/invite">
<input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>">
<?cs call:field("email", "Email", "email", data.email, data.fields.email) ?>
<?cs call:field("name", "Name", "text", data.name, data.fields.name) ?>
<p class="field<?cs if:data.fields.role ?> invalid<?cs /if ?>"><label for="role">Role</label>
<select id="role" name="role"><?cs each:r = data.roles ?>
<option value="<?cs var:r ?>"<?cs if:data.role == r ?> selected<?cs /if ?>><?cs var:r ?></option><?cs /each ?>
</select><?cs if:data.fields.role ?><span class="error"><?cs var:data.fields.role ?></span><?cs /if ?></p>
<p><button type="submit">Send the invitation</button></p>
</form>
</section>
