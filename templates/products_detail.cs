<section class="card">
<p><a href="/app/products">Products</a></p>
<h1><?cs var:data.product.name ?> <small><?cs var:data.product.sku ?></small></h1>
<table class="list" tabindex="0"><tbody>
<tr><th>Kind</th><td><?cs if:data.product.tracked ?>goods: stock is counted<?cs else ?>a service<?cs /if ?><?cs if:data.product.archived ?> (archived)<?cs /if ?></td></tr>
<tr><th>Unit</th><td><?cs var:data.product.unit ?></td></tr>
<tr><th>Category</th><td><?cs var:data.product.category ?></td></tr>
<tr><th>Tax group</th><td><?cs if:data.product.tax_group ?><?cs var:data.product.tax_group ?><?cs else ?>untaxed<?cs /if ?></td></tr>
<tr><th>Reorder level</th><td><?cs var:data.product.reorder_level ?></td></tr>
<?cs if:data.product.description ?><tr><th>Description</th><td><?cs var:data.product.description ?></td></tr><?cs /if ?>
</tbody></table>
<h2>Prices</h2>
<?cs if:!subcount(data.product.prices) ?><p>No prices yet.</p><?cs else ?>
<table class="list" tabindex="0"><thead><tr><th>Currency</th><th class="num">Unit price</th><th></th></tr></thead><tbody>
<?cs each:p = data.product.prices ?><tr><td><?cs var:p.currency ?></td><td class="num"><?cs var:p.text ?></td>
<td><?cs if:data.can_write ?><form method="post" action="/app/products/<?cs var:data.product.id ?>/prices/<?cs var:p.currency ?>/delete"><input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>"><button type="submit">Remove</button></form><?cs /if ?></td></tr>
<?cs /each ?></tbody></table><?cs /if ?>
<?cs if:data.can_write ?><form method="post" action="/app/products/<?cs var:data.product.id ?>/prices" class="filters">
<input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>">
<label>Currency <input name="currency" size="3" required></label>
<label>Unit price <input name="unit_price" required></label>
<button type="submit">Set the price</button>
</form><?cs /if ?>
<?cs if:data.product.tracked ?><h2>Stock</h2>
<table class="list" tabindex="0"><thead><tr><th>Location</th><th class="num">On hand</th><th class="num">Reserved</th><th class="num">Available</th></tr></thead><tbody>
<?cs each:s = data.product.stock ?><tr><td><?cs var:s.location_code ?> <?cs var:s.location_name ?></td><td class="num"><?cs var:s.on_hand ?></td><td class="num"><?cs var:s.reserved ?></td><td class="num"><?cs var:s.available ?></td></tr><?cs /each ?>
<tr><th>Total</th><th class="num"><?cs var:data.product.stock_total.on_hand ?></th><th class="num"><?cs var:data.product.stock_total.reserved ?></th><th class="num"><?cs var:data.product.stock_total.available ?></th></tr>
</tbody></table><?cs /if ?>
<?cs if:data.can_write ?><p><a class="button" href="/app/products/<?cs var:data.product.id ?>/edit">Edit</a></p>
<form method="post" action="/app/products/<?cs var:data.product.id ?>/<?cs if:data.product.archived ?>unarchive<?cs else ?>archive<?cs /if ?>">
<input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>">
<p><button type="submit"><?cs if:data.product.archived ?>Unarchive<?cs else ?>Archive<?cs /if ?></button></p>
</form><?cs /if ?>
</section>
