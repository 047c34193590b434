<?cs include:"partials/field.cs" ?>
<section class="card narrow">
<h1>Change your password</h1>
<?cs if:data.error ?><p class="alert" role="alert"><?cs var:data.error ?></p><?cs /if ?>
<form method="post" action="/app/password">
<input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>">
<?cs call:field("current_password", "Current password", "password", "", data.fields.current_password) ?>
<?cs call:field("password", "New password", "password", "", data.fields.password) ?>
<p><button type="submit">Change it</button></p>
<p>Your other sessions will be signed out.</p>
</form>
</section>
