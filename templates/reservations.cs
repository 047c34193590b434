<section>
<?cs include:"stock_nav.cs" ?>
<h1>Reservations</h1>
<form method="get" action="/app/reservations" class="filters">
<label>Search <input name="q" type="search" value="<?cs var:data.filter.q ?>" placeholder="product or reference"></label>
<label>SKU <input name="sku" value="<?cs var:data.filter.sku ?>" size="12"></label>
<label>Status <select name="status"><option value="">(any)</option>
<option value="held"<?cs if:data.filter.status == "held" ?> selected<?cs /if ?>>held</option>
<option value="released"<?cs if:data.filter.status == "released" ?> selected<?cs /if ?>>released</option>
<option value="shipped"<?cs if:data.filter.status == "shipped" ?> selected<?cs /if ?>>shipped</option></select></label>
<label>Order <input name="order" value="<?cs var:data.filter.order ?>" size="14" placeholder="number"></label>
<button type="submit">Filter</button>
</form>
<?cs if:!subcount(data.items) ?><p>No reservations.</p><?cs else ?>
<table class="list" tabindex="0"><thead><tr><th>Since</th><th>SKU</th><th>Location</th><th class="num">Quantity</th><th>Status</th><th>For</th></tr></thead><tbody>
<?cs each:r = data.items ?><tr><td><a href="/app/reservations/<?cs var:r.id ?>"><?cs var:date(r.created_at) ?></a></td><td><?cs var:r.sku ?></td><td><?cs var:r.location ?></td>
<td class="num"><?cs var:r.quantity ?></td><td><?cs var:words(r.status) ?></td>
<td><?cs if:r.order_number ?><a href="/app/orders/<?cs var:r.order_id ?>"><?cs var:r.order_number ?></a><?cs else ?><?cs var:r.reference ?><?cs /if ?></td></tr>
<?cs /each ?></tbody></table><?cs /if ?>
<?cs if:data.next_href ?><p><a href="<?cs var:data.next_href ?>">More</a></p><?cs /if ?>
</section>
