<?cs include:"partials/field.cs" ?>
<section class="card">
<?cs include:"stock_nav.cs" ?>
<h1>Stock of <?cs var:data.sku ?></h1>
<?cs if:!subcount(data.levels) ?><p>None has been received yet.</p><?cs else ?>
<table class="list" tabindex="0"><thead><tr><th>Location</th><th class="num">On hand</th><th class="num">Reserved</th><th class="num">Available</th></tr></thead><tbody>
<?cs each:s = data.levels ?><tr><td><?cs var:s.location ?></td><td class="num"><?cs var:s.on_hand ?></td><td class="num"><?cs var:s.reserved ?></td><td class="num"><?cs var:s.available ?></td></tr><?cs /each ?>
</tbody></table><?cs /if ?>
<h2>Held reservations</h2>
<?cs if:!subcount(data.reservations) ?><p>None.</p><?cs else ?>
<table class="list" tabindex="0"><thead><tr><th>Since</th><th>Location</th><th class="num">Quantity</th><th>For</th><th></th></tr></thead><tbody>
<?cs each:r = data.reservations ?><tr><td><?cs var:date(r.created_at) ?></td><td><?cs var:r.location ?></td><td class="num"><?cs var:r.quantity ?></td>
<td><?cs if:r.order_number ?><a href="/app/orders/<?cs var:r.order_id ?>"><?cs var:r.order_number ?></a><?cs else ?><?cs var:r.reference ?><?cs /if ?></td>
<td><a href="/app/reservations/<?cs var:r.id ?>">details</a></td></tr><?cs /each ?>
</tbody></table><?cs /if ?>
<?cs if:data.can_write ?><h2>Reserve</h2>
<?cs if:data.error ?><p class="alert" role="alert"><?cs var:data.error ?></p><?cs /if ?>
<form method="post" action="/app/inventory/<?cs var:data.sku ?>/reserve">
<input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>">
<?cs call:field("quantity", "Quantity", "number", data.form.quantity, data.fields.quantity) ?>
<?cs call:field("location", "Location code (empty: the first)", "text", data.form.location, data.fields.location) ?>
<?cs call:field("reference", "Reference", "text", data.form.reference, data.fields.reference) ?>
<p><button type="submit">Reserve</button></p>
</form><?cs /if ?>
</section>
