<?cs include:"partials/field.cs" ?>
<section class="card narrow">
<h1>Create your business</h1>
<?cs if:subcount(data.fields) ?><p class="alert" role="alert">Please correct the fields marked below.</p><?cs /if ?>
<form method="post" action="/app/signup">
<input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>">
<?cs call:field("business", "Business name", "text", data.business, data.fields.business) ?>
<?cs call:field("slug", "Short name, for signing in (e.g. acme-traders)", "text", data.slug, data.fields.slug) ?>
<?cs call:field("currency", "Base currency (INR when left empty)", "text", data.currency, data.fields.currency) ?>
<?cs call:field("name", "Your name", "text", data.name, data.fields.name) ?>
<?cs call:field("email", "Your email", "email", data.email, data.fields.email) ?>
<?cs call:field("password", "Password (8 or more characters, three kinds)", "password", "", data.fields.password) ?>
<p><button type="submit">Create</button></p>
</form>
</section>
