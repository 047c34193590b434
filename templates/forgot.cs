<?cs include:"partials/field.cs" ?>
<section class="card narrow">
<h1>Forgotten password</h1>
<p>We will mail you a link to choose a new one.</p>
<form method="post" action="/app/password/forgot">
<input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>">
<?cs call:field("tenant", "Business (its short name)", "text", data.tenant, data.fields.tenant) ?>
<?cs call:field("email", "Email", "email", data.email, data.fields.email) ?>
<p><button type="submit">Send the link</button></p>
</form>
</section>
