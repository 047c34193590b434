<section>
<h1><?cs var:data.tenant.name ?></h1>
<p>Signed in as <?cs var:data.user.name ?> (<?cs var:data.role ?>).</p>
<ul class="menu"><?cs each:m = data.menu ?><li><a href="<?cs var:m.href ?>"><?cs var:m.label ?></a></li><?cs /each ?></ul>
</section>
