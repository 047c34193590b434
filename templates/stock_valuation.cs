<section>
<?cs include:"stock_nav.cs" ?>
<h1>Stock valuation</h1>
<p>At moving average cost, in <?cs var:data.total.currency ?>.</p>
<form method="get" action="/app/stock/valuation" class="filters">
<label>Search <input name="q" type="search" value="<?cs var:data.filter.q ?>" placeholder="name or SKU"></label>
<button type="submit">Filter</button>
</form>
<?cs if:!subcount(data.items) ?><p>Nothing is in stock.</p><?cs else ?>
<table class="list"><thead><tr><th>SKU</th><th>Product</th><th class="num">Quantity</th><th class="num">Average cost</th><th class="num">Value</th></tr></thead><tbody>
<?cs each:v = data.items ?><tr><td><a href="/app/inventory/<?cs var:v.sku ?>"><?cs var:v.sku ?></a></td><td><?cs var:v.name ?></td>
<td class="num"><?cs var:v.quantity ?></td><td class="num"><?cs var:v.average_cost_text ?></td><td class="num"><?cs var:v.value_text ?></td></tr>
<?cs /each ?></tbody></table><?cs /if ?>
<?cs if:data.next_href ?><p><a href="<?cs var:data.next_href ?>">More</a></p><?cs /if ?>
<table class="list"><tbody>
<tr><th>Total value of stock (<?cs var:data.total.quantity ?> units)</th><td class="num"><?cs var:data.total.value_text ?></td></tr>
<tr><th>Balance of the inventory account</th><td class="num"><?cs var:data.total.inventory_balance_text ?></td></tr>
</tbody></table>
<?cs if:data.total.value != data.total.inventory_balance ?><p class="alert">The inventory account differs from the stock's value: something was posted to it by hand, or stock was valued outside these movements: the <a href="/app/integrity">integrity check</a> lists the entries.</p><?cs /if ?>
</section>
