<section>
<h1>Settings</h1>
<p>Start with the business details: the address and tax id are printed on every invoice.</p>
<?cs if:!subcount(data.groups) ?><p>Your role opens no settings.</p><?cs /if ?>
<ul class="settings"><?cs each:g = data.groups ?><li><h2><?cs var:g.name ?></h2>
<ul><?cs each:l = g.links ?><li><a href="<?cs var:l.href ?>"><?cs var:l.label ?></a><?cs if:l.hint ?> <small>(<?cs var:l.hint ?>)</small><?cs /if ?></li><?cs /each ?></ul></li>
<?cs /each ?></ul>
</section>
