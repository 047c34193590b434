<header class="top"><a class="brand" href="<?cs if:Page.signed_in ?>/app<?cs else ?>/<?cs /if ?>">Bursar</a>
<?cs if:Page.signed_in ?><nav class="appnav" aria-label="Main menu"><ul class="navsections"><?cs each:s = Nav ?>
<li><details class="navsection<?cs if:s.current ?> current<?cs /if ?>"><summary><?cs var:s.name ?></summary>
<ul><?cs each:i = s.items ?><li><a href="<?cs var:i.href ?>"<?cs if:i.current ?> aria-current="page"<?cs /if ?>><?cs var:i.label ?></a></li><?cs /each ?></ul></details></li><?cs /each ?>
</ul>
<form class="navsearch" method="get" action="/app/search" role="search"><label for="nav-q" class="vh">Search customers, suppliers, products, orders, invoices and bills</label><input id="nav-q" type="search" name="q" placeholder="Search"></form>
</nav><?cs /if ?>
<nav class="account" aria-label="Your account"><?cs if:Page.signed_in ?><a href="/app/me">Profile</a> <a href="/app/sessions">Sessions</a> <a href="/app/password">Password</a>
<form class="inline" method="post" action="/app/logout"><input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>"><button type="submit">Sign out</button></form>
<?cs else ?><a href="/app/login">Sign in</a><?cs /if ?></nav></header>
