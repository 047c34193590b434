<section>
<h1>Your sessions</h1>
<table class="list" tabindex="0"><thead><tr><th>Signed in (UTC)</th><th>Last seen</th><th>From</th><th>Browser</th><th></th></tr></thead><tbody>
<?cs each:s = data.items ?><tr><td><?cs var:date(s.created_at) ?></td><td><?cs var:date(s.last_seen_at) ?></td><td><?cs var:s.ip ?></td><td><?cs var:s.user_agent ?></td><td><?cs if:s.current ?>this one<?cs /if ?></td></tr><?cs /each ?>
</tbody></table>
<form method="post" action="/app/sessions/others/end"><input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>"><button type="submit">Sign out everywhere else</button></form>
</section>
