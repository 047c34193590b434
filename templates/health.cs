<section><h1>Health</h1>
<p>Status: <?cs var:data.status ?>; database: <?cs var:data.database ?>; version <?cs var:data.version ?>.</p></section>
