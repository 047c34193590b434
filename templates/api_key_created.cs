<section class="card">
<h1>Your new API key</h1>
<p><code class="secret"><?cs var:data.key ?></code></p>
<p class="alert"><?cs var:data.note ?></p>
<p><a href="/app/api-keys">Back to the API keys</a></p>
</section>
