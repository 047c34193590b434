<?cs include:"partials/field.cs" ?>
<section class="card">
<p><a href="/app/locations">Locations</a><?cs if:data.location.id ?> · <a href="/app/locations/<?cs var:data.location.id ?>"><?cs var:data.location.code ?></a><?cs /if ?></p>
<h1><?cs if:data.location.id ?>Edit <?cs var:data.location.code ?><?cs else ?>New location<?cs /if ?></h1>
<?cs if:data.error ?><p class="alert" role="alert"><?cs var:data.error ?></p><?cs /if ?>
<form method="post" action="/app/locations<?cs if:data.location.id ?>/<?cs var:data.location.id ?><?cs /if ?>">
<input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>">
<?cs call:field("code", "Code (e.g. MAIN, WH2)", "text", data.form.code, data.fields.code) ?>
<?cs call:field("name", "Name", "text", data.form.name, data.fields.name) ?>
<p><button type="submit"><?cs if:data.location.id ?>Save<?cs else ?>Create<?cs /if ?></button></p>
</form>
</section>
