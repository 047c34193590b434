<?cs with:o = data.order ?><section class="card">
<p><a href="/app/orders">Orders</a></p>
<h1>Order <?cs var:o.number ?> <span class="status <?cs var:o.status ?>"><?cs var:words(o.status) ?></span></h1>
<?cs if:data.error ?><p class="alert" role="alert"><?cs var:data.error ?></p><?cs /if ?>
<table class="list" tabindex="0"><tbody>
<tr><th>Customer</th><td><a href="/app/parties/<?cs var:o.party_id ?>"><?cs var:o.customer ?></a> (<?cs var:o.customer_code ?>)</td></tr>
<tr><th>Date</th><td><?cs var:date(o.order_date) ?></td></tr>
<tr><th>Ships from</th><td><?cs var:o.location ?></td></tr>
<tr><th>Branch</th><td><?cs var:o.branch ?></td></tr>
<?cs if:o.reference ?><tr><th>Reference</th><td><?cs var:o.reference ?></td></tr><?cs /if ?>
<?cs if:o.placed_at ?><tr><th>Placed</th><td><?cs var:o.placed_at ?></td></tr><?cs /if ?>
<?cs if:o.shipped_at ?><tr><th>Shipped</th><td><?cs var:o.shipped_at ?></td></tr><?cs /if ?>
<?cs if:o.completed_at ?><tr><th>Completed</th><td><?cs var:o.completed_at ?></td></tr><?cs /if ?>
<?cs if:o.cancelled_at ?><tr><th>Cancelled</th><td><?cs var:o.cancelled_at ?></td></tr><?cs /if ?>
<?cs if:o.invoice_id ?><tr><th>Invoice</th><td><a href="/app/invoices/<?cs var:o.invoice_id ?>"><?cs if:o.invoice_number ?><?cs var:o.invoice_number ?><?cs else ?>(draft)<?cs /if ?></a> <?cs var:words(o.invoice_status) ?></td></tr><?cs /if ?>
</tbody></table>
<table class="list" tabindex="0"><thead><tr><th>#</th><th>Product</th><th class="num">Qty</th><th class="num">Reserved</th><th class="num">Unit price</th><th class="num">Discount</th><th>Tax</th><th class="num">Net</th><th class="num">Tax</th><th class="num">Total</th></tr></thead><tbody>
<?cs each:l = o.lines ?><tr><td><?cs var:l.line ?></td><td><small><?cs var:l.sku ?></small> <?cs var:l.description ?></td><td class="num"><?cs var:l.quantity ?> <?cs var:l.unit ?></td><td class="num"><?cs var:l.reserved ?></td><td class="num"><?cs var:l.unit_price ?></td><td class="num"><?cs if:l.discount != "0" ?><?cs var:l.discount ?>%<?cs /if ?></td><td><?cs var:l.tax_group ?></td><td class="num"><?cs var:l.net ?></td><td class="num"><?cs var:l.tax ?></td><td class="num"><?cs var:l.total ?></td></tr>
<?cs /each ?></tbody><tfoot>
<tr><th colspan="7">Net</th><td class="num"><?cs var:o.net ?></td><td></td><td></td></tr>
<?cs each:t = o.taxes ?><tr><th colspan="7"><?cs var:t.name ?></th><td></td><td class="num"><?cs var:t.tax ?></td><td></td></tr>
<?cs /each ?><tr><th colspan="9">Total (<?cs var:o.currency ?>)</th><td class="num"><strong><?cs var:o.total ?></strong></td></tr>
</tfoot></table>
<?cs if:o.notes ?><h2>Notes</h2><p><?cs var:o.notes ?></p><?cs /if ?>
<?cs if:o.can.edit || o.can.place || o.can.ship || o.can.complete || o.can.cancel || (o.can.invoice && !o.invoice_id) ?><h2>Actions</h2>
<?cs if:o.can.invoice && !o.invoice_id ?><form method="post" action="/app/invoices"><input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>"><input type="hidden" name="order" value="<?cs var:o.id ?>"><button type="submit">Create invoice</button> <small>a draft with the order's lines, prices and taxes</small></form><?cs /if ?>
<?cs if:o.can.edit ?><p><a class="button" href="/app/orders/<?cs var:o.id ?>/edit">Change the order</a></p><?cs /if ?>
<?cs if:o.can.place ?><form method="post" action="/app/orders/<?cs var:o.id ?>/place"><input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>"><button type="submit">Place (reserve the stock)</button></form><?cs /if ?>
<?cs if:o.can.ship ?><form method="post" action="/app/orders/<?cs var:o.id ?>/ship"><input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>"><label>Shipped on <input type="date" name="date"></label> <button type="submit">Ship</button></form><?cs /if ?>
<?cs if:o.can.complete ?><form method="post" action="/app/orders/<?cs var:o.id ?>/complete"><input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>"><button type="submit">Mark completed</button></form><?cs /if ?>
<?cs if:o.can.cancel ?><form method="post" action="/app/orders/<?cs var:o.id ?>/cancel"><input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>"><button type="submit">Cancel the order…</button></form><?cs /if ?>
<?cs /if ?>
</section><?cs /with ?>
