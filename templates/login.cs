<?cs include:"partials/field.cs" ?>
<section class="card narrow">
<h1>Sign in</h1>
<?cs if:data.error ?><p class="alert" role="alert"><?cs var:data.error ?></p><?cs /if ?>
<form method="post" action="/app/login">
<input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>">
<input type="hidden" name="next" value="<?cs var:data.next ?>">
<?cs call:field("tenant", "Business (its short name; may be left empty when your email belongs to one business only)", "text", data.tenant, "") ?>
<?cs call:field("email", "Email", "email", data.email, "") ?>
<?cs call:field("password", "Password", "password", "", "") ?>
<p><button type="submit">Sign in</button></p>
</form>
<p><a href="/app/password/forgot">Forgotten your password?</a></p>
<?cs if:data.signup ?><p>New here? <a href="/app/signup">Create your business</a>.</p><?cs /if ?>
</section>
