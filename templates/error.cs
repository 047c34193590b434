<section class="error">
<h1><?cs var:data.status ?> <?cs var:data.reason ?></h1>
<p><?cs var:data.message ?></p>
<?cs if:subcount(data.fields) ?><ul class="fields"><?cs each:f = data.fields ?><li><?cs name:f ?>: <?cs var:f ?></li><?cs /each ?></ul><?cs /if ?>
<p><a href="/">Back to the front page</a></p>
</section>
