<?cs include:"partials/field.cs" ?>
<section class="card narrow">
<h1>Join <?cs if:data.business ?><?cs var:data.business ?><?cs else ?>your team<?cs /if ?> on Bursar</h1>
<?cs if:data.business ?><p>You are joining <strong><?cs var:data.business ?></strong> as <?cs var:data.email ?>. When you sign in, the business's short name is <strong><code><?cs var:data.slug ?></code></strong>.</p><?cs /if ?>
<?cs if:data.error ?><p class="alert" role="alert"><?cs var:data.error ?></p><?cs /if ?>
<form method="post" action="/app/invite/accept">
<input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>">
<input type="hidden" name="token" value="<?cs var:data.token ?>">
<?cs call:field("password", "Choose your password (8 or more characters, three kinds)", "password", "", data.fields.password) ?>
<p><button type="submit">Join</button></p>
</form>
</section>
