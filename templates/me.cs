<section class="card">
<h1><?cs var:data.user.name ?></h1>
<dl>
<dt>Email</dt><dd><?cs var:data.user.email ?></dd>
<dt>Business</dt><dd><?cs var:data.tenant.name ?> (<?cs var:data.tenant.slug ?>)</dd>
<dt>Role</dt><dd><?cs var:data.role ?></dd>
<dt>May</dt><dd><?cs each:p = data.permissions ?><code><?cs var:p ?></code> <?cs /each ?></dd>
</dl>
</section>
