<?cs include:"partials/field.cs" ?>
<section>
<h1>Chart of accounts</h1>
<p><a href="/app/years">Years and periods</a> · <a href="/app/currencies">Currencies</a> · <a href="/app/tax-rates">Tax rates</a> · <a href="/app/tax-groups">Tax groups</a> · <a href="/app/books/settings">Book settings</a></p>
<p>Groups (in bold) add up the accounts under them and take no postings. An account with postings is never deleted: archive it, and it takes no more.</p>
<table class="list" tabindex="0"><thead><tr><th>Code</th><th>Name</th><th>Type</th><th>Used as</th><th>Status</th></tr></thead><tbody>
<?cs each:a = data.items ?><tr><td><?cs var:a.code ?></td>
<td><?cs loop:i = 1, a.depth, 1 ?>&nbsp;&nbsp;&nbsp;&nbsp;<?cs /loop ?><?cs if:a.is_group ?><strong><a href="/app/accounts/<?cs var:a.id ?>"><?cs var:a.name ?></a></strong><?cs else ?><a href="/app/accounts/<?cs var:a.id ?>"><?cs var:a.name ?></a><?cs /if ?></td>
<td><?cs var:words(a.type) ?></td><td><?cs if:a.role ?>@<?cs var:a.role ?><?cs /if ?></td>
<td><?cs if:a.archived ?>archived<?cs elif:a.is_group ?>group<?cs else ?>open<?cs /if ?></td></tr>
<?cs /each ?></tbody></table>
</section>
<section class="card">
<h2>New account</h2>
<?cs if:data.error ?><p class="alert" role="alert"><?cs var:data.error ?></p><?cs /if ?>
<form method="post" action="/app/accounts">
<input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>">
<?cs call:field("code", "Code (e.g. 5610)", "text", data.form.code, data.fields.code) ?>
<?cs call:field("name", "Name", "text", data.form.name, data.fields.name) ?>
<p class="field<?cs if:data.fields.parent ?> invalid<?cs /if ?>"><label for="parent">Under the group</label>
<select id="parent" name="parent"><option value="">(top level)</option><?cs each:a = data.items ?><?cs if:a.is_group && !a.archived ?>
<option value="<?cs var:a.code ?>"<?cs if:data.form.parent == a.code ?> selected<?cs /if ?>><?cs var:a.code ?> <?cs var:a.name ?> (<?cs var:words(a.type) ?>)</option><?cs /if ?><?cs /each ?>
</select><?cs if:data.fields.parent ?><span class="error"><?cs var:data.fields.parent ?></span><?cs /if ?></p>
<p class="field<?cs if:data.fields.type ?> invalid<?cs /if ?>"><label for="type">Type (under a group: the group's)</label>
<select id="type" name="type"><option value="">(the group's type)</option><?cs each:t = data.types ?>
<option value="<?cs var:t ?>"<?cs if:data.form.type == t ?> selected<?cs /if ?>><?cs var:t ?></option><?cs /each ?>
</select><?cs if:data.fields.type ?><span class="error"><?cs var:data.fields.type ?></span><?cs /if ?></p>
<p class="field<?cs if:data.fields.is_group ?> invalid<?cs /if ?>"><label><input type="checkbox" name="is_group" value="true"<?cs if:data.form.is_group == "true" ?> checked<?cs /if ?>> A group: a heading that adds up the accounts under it</label>
<?cs if:data.fields.is_group ?><span class="error"><?cs var:data.fields.is_group ?></span><?cs /if ?></p>
<p><button type="submit">Create the account</button></p>
</form>
</section>
