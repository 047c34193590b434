<section class="card narrow">
<h1>Check your mail</h1>
<p><?cs var:data.message ?></p>
<p><a href="/app/login">Back to sign in</a></p>
</section>
