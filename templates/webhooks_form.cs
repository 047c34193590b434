<?cs include:"partials/field.cs" ?>
<section class="card">
<p><a href="/app/webhooks">Webhooks</a></p>
<h1>New webhook</h1>
<?cs if:data.error ?><p class="alert" role="alert"><?cs var:data.error ?></p><?cs /if ?>
<form method="post" action="/app/webhooks">
<input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>">
<?cs call:field("url", "Address (https://...)", "url", data.form.url, data.fields.url) ?>
<?cs call:field("description", "Description", "text", data.form.description, data.fields.description) ?>
<fieldset class="field<?cs if:data.fields.event_types ?> invalid<?cs /if ?>"><legend>Events</legend>
<?cs if:data.fields.event_types ?><span class="error"><?cs var:data.fields.event_types ?></span><?cs /if ?>
<label><input type="checkbox" name="event_types" value="*"<?cs if:data.every ?> checked<?cs /if ?>> every event (*)</label>
<?cs each:t = data.types ?><label><input type="checkbox" name="event_types" value="<?cs var:t.type ?>"<?cs if:t.ticked ?> checked<?cs /if ?>> <?cs var:t.type ?></label>
<?cs /each ?></fieldset>
<?cs call:field("timeout", "Timeout in seconds (1 to 30)", "number", data.form.timeout, data.fields.timeout) ?>
<?cs call:field("retry_schedule", "Waits before each retry, in seconds", "text", data.form.retry_schedule, data.fields.retry_schedule) ?>
<?cs call:field("failure_limit", "Disable after this many failed attempts in a row", "number", data.form.failure_limit, data.fields.failure_limit) ?>
<p><button type="submit">Create the webhook</button></p>
</form>
</section>
