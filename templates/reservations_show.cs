<section class="card">
<?cs include:"stock_nav.cs" ?>
<h1>Reservation of <?cs var:data.reservation.quantity ?> × <?cs var:data.reservation.sku ?></h1>
<table class="list" tabindex="0"><tbody>
<tr><th>Product</th><td><a href="/app/inventory/<?cs var:data.reservation.sku ?>"><?cs var:data.reservation.sku ?></a> <?cs var:data.reservation.name ?></td></tr>
<tr><th>Location</th><td><?cs var:data.reservation.location ?></td></tr>
<tr><th>Status</th><td><?cs var:words(data.reservation.status) ?><?cs if:data.reservation.ended_at ?> at <?cs var:date(data.reservation.ended_at) ?><?cs /if ?></td></tr>
<tr><th>For</th><td><?cs if:data.reservation.order_number ?><a href="/app/orders/<?cs var:data.reservation.order_id ?>"><?cs var:data.reservation.order_number ?></a><?cs else ?><?cs var:data.reservation.reference ?><?cs /if ?></td></tr>
<tr><th>Since</th><td><?cs var:date(data.reservation.created_at) ?></td></tr>
</tbody></table>
<?cs if:data.can_write && data.reservation.status == "held" ?><form method="post" action="/app/reservations/<?cs var:data.reservation.id ?>/release">
<input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>"><button type="submit">Release</button></form><?cs /if ?>
</section>
