<section>
<?cs include:"stock_nav.cs" ?>
<h1>Low stock</h1>
<p>Goods whose available quantity over every location is below their reorder level.</p>
<form method="get" action="/app/stock/low" class="filters">
<label>Search <input name="q" type="search" value="<?cs var:data.filter.q ?>" placeholder="name or SKU"></label>
<button type="submit">Filter</button>
</form>
<?cs if:!subcount(data.items) ?><p>Nothing is below its reorder level.</p><?cs else ?>
<table class="list" tabindex="0"><thead><tr><th>SKU</th><th>Product</th><th class="num">On hand</th><th class="num">Reserved</th><th class="num">Available</th><th class="num">Reorder level</th><th class="num">Short by</th></tr></thead><tbody>
<?cs each:s = data.items ?><tr><td><a href="/app/inventory/<?cs var:s.sku ?>"><?cs var:s.sku ?></a></td><td><?cs var:s.name ?></td>
<td class="num"><?cs var:s.on_hand ?></td><td class="num"><?cs var:s.reserved ?></td><td class="num"><?cs var:s.available ?></td>
<td class="num"><?cs var:s.reorder_level ?></td><td class="num"><?cs var:s.shortfall ?></td></tr>
<?cs /each ?></tbody></table><?cs /if ?>
<?cs if:data.next_href ?><p><a href="<?cs var:data.next_href ?>">More</a></p><?cs /if ?>
</section>
