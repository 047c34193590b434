<section class="card confirm">
<h1><?cs var:data.title ?></h1>
<p><?cs var:data.what ?></p>
<p><strong>This cannot be undone.</strong></p>
<form method="post" action="<?cs var:data.action ?>">
<input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>">
<?cs each:f = data.fields ?><input type="hidden" name="<?cs var:f.name ?>" value="<?cs var:f.value ?>">
<?cs /each ?><input type="hidden" name="confirm" value="yes">
<p><button type="submit" class="danger"><?cs var:data.button ?></button> <a href="<?cs var:data.back ?>">No, go back</a></p>
</form>
</section>
