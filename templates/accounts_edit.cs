<?cs include:"partials/field.cs" ?>
<section class="card">
<p><a href="/app/accounts">Chart of accounts</a></p>
<h1><?cs var:data.account.code ?> <?cs var:data.account.name ?></h1>
<table class="list" tabindex="0"><tbody>
<tr><th>Type</th><td><?cs var:words(data.account.type) ?><?cs if:data.account.is_group ?> group: adds up the accounts under it, takes no postings<?cs /if ?></td></tr>
<tr><th>Under</th><td><?cs if:data.account.parent_code ?><?cs var:data.account.parent_code ?><?cs else ?>(top level)<?cs /if ?></td></tr>
<?cs if:data.account.role ?><tr><th>Used as</th><td>@<?cs var:data.account.role ?>: Bursar posts here by this role</td></tr><?cs /if ?>
<tr><th>Status</th><td><?cs if:data.account.archived ?>archived: takes no postings<?cs else ?>open<?cs /if ?><?cs if:data.account.has_postings ?>; has postings, so it can be archived but never deleted<?cs /if ?></td></tr>
</tbody></table>
<?cs if:data.error ?><p class="alert" role="alert"><?cs var:data.error ?></p><?cs /if ?>
<form method="post" action="/app/accounts/<?cs var:data.account.id ?>">
<input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>">
<?cs call:field("name", "Name", "text", data.form.name, data.fields.name) ?>
<p class="field<?cs if:data.fields.parent ?> invalid<?cs /if ?>"><label for="parent">Under the group</label>
<select id="parent" name="parent"><option value="">(top level)</option><?cs each:g = data.groups ?>
<option value="<?cs var:g.code ?>"<?cs if:data.form.parent == g.code ?> selected<?cs /if ?>><?cs var:g.code ?> <?cs var:g.name ?></option><?cs /each ?>
</select><?cs if:data.fields.parent ?><span class="error"><?cs var:data.fields.parent ?></span><?cs /if ?></p>
<p><button type="submit">Save</button></p>
</form>
<?cs if:data.account.role && !data.account.archived ?><p>Bursar posts to this account by its role, so it stays open.</p><?cs else ?>
<form method="post" action="/app/accounts/<?cs var:data.account.id ?>/<?cs if:data.account.archived ?>unarchive<?cs else ?>archive<?cs /if ?>">
<input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>">
<?cs if:data.fields.archived ?><p class="error"><?cs var:data.fields.archived ?></p><?cs /if ?>
<p><button type="submit"><?cs if:data.account.archived ?>Unarchive<?cs else ?>Archive<?cs /if ?></button></p>
</form><?cs /if ?>
</section>
