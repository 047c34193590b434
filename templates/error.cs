<section class="error">
<h1><?cs var:data.status ?> <?cs var:data.reason ?></h1>
<p><?cs var:data.message ?></p>
<?cs if:subcount(data.said) ?><ul class="fields"><?cs each:f = data.said ?><li><?cs var:f.said ?></li><?cs /each ?></ul><?cs /if ?>
<p><a href="/">Back to the front page</a></p>
</section>
