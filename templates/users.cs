<section>
<h1>Users</h1>
<p><a class="button" href="/app/users/invite">Invite a user</a> · <a href="/app/roles">Roles and permissions</a> · <a href="/app/branches">Branches</a></p>
<table class="list" tabindex="0"><thead><tr><th>Name</th><th>Email</th><th>Role</th><th>Branches</th><th>Status</th><th></th></tr></thead><tbody>
<?cs each:u = data.items ?><tr><td><?cs var:u.name ?></td><td><?cs var:u.email ?></td>
<td><form class="inline" method="post" action="/app/users/<?cs var:u.id ?>/role"><input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>"><input name="role" value="<?cs var:u.role ?>" size="10"><button type="submit">Set</button></form></td>
<td><form class="inline" method="post" action="/app/users/<?cs var:u.id ?>/branches"><input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>"><input name="branches" value="<?cs if:u.branches != "*" ?><?cs var:u.branches ?><?cs /if ?>" placeholder="all" size="10"><button type="submit">Limit</button></form></td>
<td><?cs if:u.invited ?>invited<?cs elif:u.active ?>active<?cs else ?>deactivated<?cs /if ?></td>
<td><form class="inline" method="post" action="/app/users/<?cs var:u.id ?>/<?cs if:u.active ?>deactivate<?cs else ?>activate<?cs /if ?>"><input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>"><button type="submit"><?cs if:u.active ?>Deactivate<?cs else ?>Reactivate<?cs /if ?></button></form></td></tr>
<?cs /each ?></tbody></table>
</section>
