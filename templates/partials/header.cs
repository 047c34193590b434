<header class="top"><a class="brand" href="<?cs if:Page.signed_in ?>/app<?cs else ?>/<?cs /if ?>">Bursar</a>
<nav><?cs if:Page.signed_in ?><a href="/app/me">Profile</a> <a href="/app/sessions">Sessions</a> <a href="/app/password">Password</a>
<form class="inline" method="post" action="/app/logout"><input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>"><button type="submit">Sign out</button></form>
<?cs else ?><a href="/app/login">Sign in</a><?cs /if ?></nav></header>
