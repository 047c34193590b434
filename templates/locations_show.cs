<section class="card">
<p><a href="/app/locations">Locations</a></p>
<h1><?cs var:data.location.name ?> <small><?cs var:data.location.code ?></small><?cs if:data.location.archived ?> (archived)<?cs /if ?></h1>
<p>Branch <?cs var:data.location.branch ?>.</p>
<p><?cs var:data.location.on_hand ?> units on hand, <?cs var:data.location.reserved ?> reserved.</p>
<?cs if:!subcount(data.location.stock) ?><p>No stock here.</p><?cs else ?>
<table class="list" tabindex="0"><thead><tr><th>SKU</th><th>Product</th><th class="num">On hand</th><th class="num">Reserved</th><th class="num">Available</th></tr></thead><tbody>
<?cs each:s = data.location.stock ?><tr><td><a href="/app/inventory/<?cs var:s.sku ?>"><?cs var:s.sku ?></a></td><td><?cs var:s.name ?></td>
<td class="num"><?cs var:s.on_hand ?></td><td class="num"><?cs var:s.reserved ?></td><td class="num"><?cs var:s.available ?></td></tr><?cs /each ?>
</tbody></table><?cs /if ?>
<?cs if:data.can_write ?><p><a class="button" href="/app/locations/<?cs var:data.location.id ?>/edit">Edit</a></p>
<form method="post" action="/app/locations/<?cs var:data.location.id ?>/<?cs if:data.location.archived ?>unarchive<?cs else ?>archive<?cs /if ?>">
<input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>">
<button type="submit"><?cs if:data.location.archived ?>Reopen<?cs else ?>Archive<?cs /if ?></button></form><?cs /if ?>
</section>
