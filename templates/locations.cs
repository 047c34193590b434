<section>
<?cs include:"stock_nav.cs" ?>
<h1>Locations</h1>
<form method="get" action="/app/locations" class="filters">
<label>Search <input name="q" type="search" value="<?cs var:data.filter.q ?>" placeholder="code or name"></label>
<label>Show <select name="archived">
<option value="false"<?cs if:data.filter.archived == "false" || !data.filter.archived ?> selected<?cs /if ?>>open</option>
<option value="true"<?cs if:data.filter.archived == "true" ?> selected<?cs /if ?>>archived</option>
<option value="all"<?cs if:data.filter.archived == "all" ?> selected<?cs /if ?>>all</option></select></label>
<button type="submit">Filter</button>
</form>
<?cs if:data.can_write ?><p><a class="button" href="/app/locations/new">New location</a></p><?cs /if ?>
<?cs if:!subcount(data.items) ?><p>No locations.</p><?cs else ?>
<table class="list" tabindex="0"><thead><tr><th>Code</th><th>Name</th><th class="num">Units on hand</th><th class="num">Reserved</th><th>Status</th><th>Branch</th></tr></thead><tbody>
<?cs each:l = data.items ?><tr><td><a href="/app/locations/<?cs var:l.id ?>"><?cs var:l.code ?></a></td><td><?cs var:l.name ?></td>
<td class="num"><?cs var:l.on_hand ?></td><td class="num"><?cs var:l.reserved ?></td><td><?cs if:l.archived ?>archived<?cs else ?>open<?cs /if ?></td><td><?cs var:l.branch ?></td></tr>
<?cs /each ?></tbody></table><?cs /if ?>
<?cs if:data.next_href ?><p><a href="<?cs var:data.next_href ?>">More</a></p><?cs /if ?>
</section>
