<footer>Bursar <?cs var:Page.version ?> · request <code><?cs var:Page.request_id ?></code></footer>
