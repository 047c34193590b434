<section class="hero">
<h1><?cs var:data.name ?></h1>
<p><?cs var:data.tagline ?></p>
<p><a class="button" href="<?cs var:data.login ?>">Sign in</a></p>
</section>
<section class="features">
<ul class="capabilities">
<?cs each:k = data.capabilities ?><li class="capability"><a href="<?cs var:k.href ?>"><strong><?cs var:k.name ?></strong></a>: <?cs var:k.what ?>.</li>
<?cs /each ?></ul>
</section>
