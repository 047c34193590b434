<section class="search-results">
<h1>Search</h1>
<form method="get" action="/app/search" class="filters" role="search"><label>Name, code or number <input name="q" type="search" value="<?cs var:data.q ?>"></label> <button type="submit">Search</button></form>
<?cs if:data.q ?><?cs if:!data.count ?><p>Nothing matches “<?cs var:data.q ?>”.</p><?cs /if ?>
<?cs each:g = data.kinds ?><h2><?cs var:g.title ?></h2><ul><?cs each:i = g.items ?><li><a href="<?cs var:i.href ?>"><?cs var:i.code ?> · <?cs var:i.name ?></a></li><?cs /each ?></ul><?cs /each ?><?cs /if ?>
</section>
