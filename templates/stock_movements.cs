<section>
<?cs include:"stock_nav.cs" ?>
<h1>Stock movements</h1>
<form method="get" action="/app/stock/movements" class="filters">
<label>Search <input name="q" type="search" value="<?cs var:data.filter.q ?>" placeholder="product or memo"></label>
<label>SKU <input name="sku" value="<?cs var:data.filter.sku ?>" size="12"></label>
<label>Location <input name="location" value="<?cs var:data.filter.location ?>" size="8" placeholder="code"></label>
<label>Kind <select name="kind"><option value="">(any)</option>
<option value="receipt"<?cs if:data.filter.kind == "receipt" ?> selected<?cs /if ?>>receipt</option>
<option value="adjustment"<?cs if:data.filter.kind == "adjustment" ?> selected<?cs /if ?>>adjustment</option>
<option value="transfer_out"<?cs if:data.filter.kind == "transfer_out" ?> selected<?cs /if ?>>transfer out</option>
<option value="transfer_in"<?cs if:data.filter.kind == "transfer_in" ?> selected<?cs /if ?>>transfer in</option>
<option value="shipment"<?cs if:data.filter.kind == "shipment" ?> selected<?cs /if ?>>shipment</option>
<option value="return"<?cs if:data.filter.kind == "return" ?> selected<?cs /if ?>>return</option></select></label>
<button type="submit">Filter</button>
</form>
<?cs if:data.can_write ?><p><a class="button" href="/app/stock/receipts/new">Receive</a> <a class="button" href="/app/stock/adjustments/new">Adjust</a> <a class="button" href="/app/stock/transfers/new">Transfer</a></p><?cs /if ?>
<?cs if:!subcount(data.items) ?><p>No movements.</p><?cs else ?>
<table class="list" tabindex="0"><thead><tr><th>When</th><th>SKU</th><th>Location</th><th>Kind</th><th class="num">Quantity</th><th class="num">Value</th><th>Source</th><th>Memo</th></tr></thead><tbody>
<?cs each:m = data.items ?><tr><td><?cs var:date(m.created_at) ?></td><td><a href="/app/inventory/<?cs var:m.sku ?>"><?cs var:m.sku ?></a></td><td><?cs var:m.location ?></td>
<td><?cs var:words(m.kind) ?></td><td class="num"><?cs var:m.quantity ?></td><td class="num"><?cs var:m.value_text ?></td>
<td><?cs if:m.source_type == "order" ?><a href="/app/orders/<?cs var:m.source_id ?>">order</a><?cs else ?><?cs var:words(m.source_type) ?><?cs /if ?></td><td><?cs var:m.memo ?></td></tr>
<?cs /each ?></tbody></table><?cs /if ?>
<?cs if:data.next_href ?><p><a href="<?cs var:data.next_href ?>">More</a></p><?cs /if ?>
</section>
