<section>
<?cs include:"stock_nav.cs" ?>
<h1>Stock</h1>
<form method="get" action="/app/stock" class="filters">
<label>Search <input name="q" type="search" value="<?cs var:data.filter.q ?>" placeholder="name or SKU"></label>
<label>SKU <input name="sku" value="<?cs var:data.filter.sku ?>" size="12"></label>
<label>Location <input name="location" value="<?cs var:data.filter.location ?>" size="8" placeholder="code"></label>
<button type="submit">Filter</button>
</form>
<?cs if:data.can_write ?><p><a class="button" href="/app/stock/receipts/new">Receive</a> <a class="button" href="/app/stock/adjustments/new">Adjust</a> <a class="button" href="/app/stock/transfers/new">Transfer</a></p><?cs /if ?>
<?cs if:!subcount(data.items) ?><p>No stock<?cs if:data.filter.q ?> matches “<?cs var:data.filter.q ?>”<?cs /if ?>.</p><?cs else ?>
<table class="list" tabindex="0"><thead><tr><th>SKU</th><th>Product</th><th>Location</th><th class="num">On hand</th><th class="num">Reserved</th><th class="num">Available</th></tr></thead><tbody>
<?cs each:s = data.items ?><tr><td><a href="/app/inventory/<?cs var:s.sku ?>"><?cs var:s.sku ?></a></td><td><?cs var:s.name ?></td>
<td><a href="/app/locations/<?cs var:s.location_id ?>"><?cs var:s.location ?></a></td><td class="num"><?cs var:s.on_hand ?></td><td class="num"><?cs var:s.reserved ?></td>
<td class="num<?cs if:s.available < s.reorder_level ?> low<?cs /if ?>"><?cs var:s.available ?></td></tr>
<?cs /each ?></tbody></table><?cs /if ?>
<?cs if:data.next_href ?><p><a href="<?cs var:data.next_href ?>">More</a></p><?cs /if ?>
</section>
