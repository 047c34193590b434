<section class="card">
<h1>Role changed</h1>
<p class="alert">The new role narrowed these API keys the user made: they
keep only the scopes the role holds.</p>
<ul><?cs each:k = data.narrowed_keys ?>
<li><strong><?cs var:k.name ?></strong>: no longer <?cs var:k.lost ?></li>
<?cs /each ?></ul>
<p><a href="/app/users">Back to the users</a></p>
</section>
