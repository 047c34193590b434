<?cs with:i = data.invoice ?><section class="card">
<p><a href="/app/<?cs if:i.kind == "credit_note" ?>credit-notes<?cs else ?>invoices<?cs /if ?>"><?cs if:i.kind == "credit_note" ?>Credit notes<?cs else ?>Invoices<?cs /if ?></a></p>
<h1><?cs if:i.kind == "credit_note" ?>Credit note<?cs else ?>Invoice<?cs /if ?> <?cs if:i.number ?><?cs var:i.number ?><?cs else ?>(draft)<?cs /if ?> <span class="status <?cs var:i.status ?>"><?cs var:words(i.status) ?></span></h1>
<?cs if:data.error ?><p class="alert" role="alert"><?cs var:data.error ?></p><?cs /if ?>
<table class="list" tabindex="0"><tbody>
<tr><th>Branch</th><td><?cs var:i.branch ?></td></tr>
<tr><th>Seller</th><td><?cs var:i.seller_name ?><?cs if:i.seller_tax_id ?>, tax id <?cs var:i.seller_tax_id ?><?cs /if ?><?cs if:i.status == "draft" ?> (as the business's settings are now; fixed when issued)<?cs /if ?></td></tr>
<tr><th>Customer</th><td><?cs var:i.customer ?> (<?cs var:i.customer_code ?>)<?cs if:i.customer_tax_id ?>, tax id <?cs var:i.customer_tax_id ?><?cs /if ?></td></tr>
<tr><th>Billing address</th><td><?cs var:i.billing_address ?></td></tr>
<tr><th>Issued</th><td><?cs if:i.issue_date ?><?cs var:date(i.issue_date) ?><?cs else ?>not yet<?cs /if ?></td></tr>
<?cs if:i.kind == "invoice" ?><tr><th>Due</th><td><?cs var:date(i.due_date) ?></td></tr><?cs /if ?>
<?cs if:i.credit_of ?><tr><th>Credits</th><td><a href="/app/invoices/<?cs var:i.credit_of ?>"><?cs var:i.credit_of_number ?></a></td></tr><?cs /if ?>
<?cs if:i.order_id ?><tr><th>Order</th><td><a href="/app/orders/<?cs var:i.order_id ?>">the order</a></td></tr><?cs /if ?>
<?cs if:i.reference ?><tr><th>Reference</th><td><?cs var:i.reference ?></td></tr><?cs /if ?>
<?cs if:i.entry_id ?><tr><th>Posted</th><td><a href="/app/journal/<?cs var:i.entry_id ?>">journal entry</a><?cs if:i.void_entry_id ?>; voided by <a href="/app/journal/<?cs var:i.void_entry_id ?>">its reversal</a><?cs /if ?></td></tr><?cs /if ?>
</tbody></table>
<table class="list" tabindex="0"><thead><tr><th>#</th><th>Description</th><th class="num">Qty</th><th class="num">Unit price</th><th class="num">Discount</th><th>Tax</th><th>Account</th><th class="num">Net</th><th class="num">Tax</th><th class="num">Total</th></tr></thead><tbody>
<?cs each:l = i.lines ?><tr><td><?cs var:l.line ?></td><td><?cs if:l.sku ?><small><?cs var:l.sku ?></small> <?cs /if ?><?cs var:l.description ?></td><td class="num"><?cs var:l.quantity ?> <?cs var:l.unit ?></td><td class="num"><?cs var:l.unit_price ?></td><td class="num"><?cs if:l.discount != "0" ?><?cs var:l.discount ?>%<?cs /if ?></td><td><?cs var:l.tax_group ?></td><td><?cs var:l.account ?></td><td class="num"><?cs var:l.net ?></td><td class="num"><?cs var:l.tax ?></td><td class="num"><?cs var:l.total ?></td></tr>
<?cs /each ?></tbody><tfoot>
<tr><th colspan="7">Net</th><td class="num"><?cs var:i.net ?></td><td></td><td></td></tr>
<?cs each:t = i.taxes ?><tr><th colspan="7"><?cs var:t.name ?> (<?cs var:t.account ?>)</th><td></td><td class="num"><?cs var:t.tax ?></td><td></td></tr>
<?cs /each ?><tr><th colspan="9">Total (<?cs var:i.currency ?>)</th><td class="num"><strong><?cs var:i.total ?></strong></td></tr>
<?cs if:i.status != "draft" ?><tr><th colspan="9"><?cs if:i.kind == "credit_note" ?>Applied<?cs else ?>Paid<?cs /if ?></th><td class="num"><?cs var:i.paid ?></td></tr>
<tr><th colspan="9"><?cs if:i.kind == "credit_note" ?>Credit left<?cs else ?>Due<?cs /if ?></th><td class="num"><strong><?cs var:i.open ?></strong></td></tr><?cs /if ?>
</tfoot></table>
<?cs if:subcount(i.settlements) ?><h2>Settled by</h2><table class="list" tabindex="0"><tbody>
<?cs each:a = i.settlements ?><tr><td><?cs var:date(a.date) ?></td><td><?cs var:words(a.kind) ?></td><td><?cs if:a.kind == "payment" ?><a href="/app/payments/<?cs var:a.id ?>"><?cs var:a.number ?></a><?cs else ?><a href="/app/invoices/<?cs var:a.id ?>"><?cs var:a.number ?></a><?cs /if ?></td><td class="num"><?cs var:a.amount ?></td></tr>
<?cs /each ?></tbody></table><?cs /if ?>
<?cs if:subcount(i.credit_notes) ?><h2>Credit notes</h2><table class="list" tabindex="0"><tbody>
<?cs each:n = i.credit_notes ?><tr><td><a href="/app/invoices/<?cs var:n.id ?>"><?cs var:n.number ?></a></td><td><?cs var:date(n.issue_date) ?></td><td><?cs var:words(n.status) ?></td><td class="num"><?cs var:n.total ?></td></tr>
<?cs /each ?></tbody></table><?cs /if ?>
<?cs if:i.notes ?><h2><?cs if:i.kind == "credit_note" ?>Reason<?cs else ?>Notes<?cs /if ?></h2><p><?cs var:i.notes ?></p><?cs /if ?>
<h2>Actions</h2>
<p class="next"><a class="button" href="/app/invoices/<?cs var:i.id ?>.pdf">Download PDF</a>
<?cs if:i.can.pay ?> <a class="button" id="record-payment" href="<?cs var:i.pay_href ?>">Record payment</a><?cs /if ?>
<?cs if:i.can.credit ?> <a class="button" href="#credit-note">Credit note</a><?cs /if ?>
<?cs if:i.can.edit ?> <a class="button" href="/app/invoices/<?cs var:i.id ?>/edit">Change the draft</a><?cs /if ?></p>
<?cs if:i.can.issue ?><form method="post" action="/app/invoices/<?cs var:i.id ?>/issue"><input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>">
<label>Issue on <input type="date" name="date" value="<?cs var:i.issue_date ?>"></label> <button type="submit">Issue</button></form><?cs /if ?>
<?cs if:i.can.delete ?><form method="post" action="/app/invoices/<?cs var:i.id ?>/delete"><input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>"><button type="submit">Delete the draft</button></form><?cs /if ?>
<?cs if:i.can.void ?><form method="post" action="/app/invoices/<?cs var:i.id ?>/void"><input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>"><button type="submit">Void…</button> <small>reverses its entry; the number stays used; asks first</small></form><?cs /if ?>
<?cs if:i.can.credit ?><form method="post" action="/app/invoices/<?cs var:i.id ?>/credit-notes"><input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>">
<h3 id="credit-note">Credit note</h3>
<p><label><input type="checkbox" name="all" value="yes"> Everything on this invoice</label></p>
<table class="list" tabindex="0"><thead><tr><th>#</th><th>Description</th><th class="num">Invoiced</th><th>Quantity to take back</th></tr></thead><tbody>
<?cs each:l = i.lines ?><tr><td><?cs var:l.line ?><input type="hidden" name="cn_line" value="<?cs var:l.line ?>"></td><td><?cs var:l.description ?></td><td class="num"><?cs var:l.quantity ?></td><td><input name="cn_quantity" size="6" inputmode="numeric" aria-label="Quantity to credit, line <?cs var:l.line ?>"></td></tr>
<?cs /each ?></tbody></table>
<p><label>Reason <input name="reason" size="40"></label> <button type="submit">Issue the credit note</button></p></form><?cs /if ?>
</section><?cs /with ?>
