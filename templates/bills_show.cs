<?cs with:b = data.bill ?><section class="card">
<p><a href="/app/bills">Bills</a></p>
<h1>Bill <?cs if:b.number ?><?cs var:b.number ?><?cs else ?>(draft)<?cs /if ?> <span class="status <?cs var:b.status ?>"><?cs var:words(b.status) ?></span></h1>
<?cs if:data.error ?><p class="alert" role="alert"><?cs var:data.error ?></p><?cs /if ?>
<table class="list" tabindex="0"><tbody>
<tr><th>Branch</th><td><?cs var:b.branch ?></td></tr>
<tr><th>Supplier</th><td><?cs var:b.supplier ?> (<?cs var:b.supplier_code ?>) · <a href="/app/statements/<?cs var:b.party_id ?>">statement</a></td></tr>
<?cs if:b.supplier_ref ?><tr><th>Their reference</th><td><?cs var:b.supplier_ref ?></td></tr><?cs /if ?>
<tr><th>Dated</th><td><?cs var:date(b.bill_date) ?></td></tr>
<tr><th>Due</th><td><?cs if:b.due_date ?><?cs var:date(b.due_date) ?><?cs else ?>by the supplier's terms<?cs /if ?></td></tr>
<?cs if:b.location ?><tr><th>Goods into</th><td><?cs var:b.location ?></td></tr><?cs /if ?>
<?cs if:b.entry_id ?><tr><th>Posted</th><td><a href="/app/journal/<?cs var:b.entry_id ?>">journal entry</a><?cs if:b.void_entry_id ?>; voided by <a href="/app/journal/<?cs var:b.void_entry_id ?>">its reversal</a><?cs /if ?></td></tr><?cs /if ?>
</tbody></table>
<table class="list" tabindex="0"><thead><tr><th>#</th><th>Description</th><th class="num">Qty</th><th class="num">Unit price</th><th>Tax</th><th>Account</th><th class="num">Net</th><th class="num">Tax</th><th class="num">Total</th></tr></thead><tbody>
<?cs each:l = b.lines ?><tr><td><?cs var:l.line ?></td><td><?cs if:l.sku ?><small><?cs var:l.sku ?></small> <?cs /if ?><?cs var:l.description ?><?cs if:l.stock ?> <small>(into stock)</small><?cs /if ?></td><td class="num"><?cs var:l.quantity ?></td><td class="num"><?cs var:l.unit_price ?></td><td><?cs var:l.tax_group ?></td><td><?cs var:l.account ?></td><td class="num"><?cs var:l.net ?></td><td class="num"><?cs var:l.tax ?></td><td class="num"><?cs var:l.total ?></td></tr>
<?cs /each ?></tbody><tfoot>
<tr><th colspan="6">Net</th><td class="num"><?cs var:b.net ?></td><td></td><td></td></tr>
<?cs each:t = b.taxes ?><tr><th colspan="6"><?cs var:t.name ?> (<?cs var:t.account ?>)</th><td></td><td class="num"><?cs var:t.tax ?></td><td></td></tr>
<?cs /each ?><tr><th colspan="8">Total (<?cs var:b.currency ?>)</th><td class="num"><strong><?cs var:b.total ?></strong></td></tr>
<?cs if:b.status != "draft" ?><tr><th colspan="8">Paid</th><td class="num"><?cs var:b.paid ?></td></tr>
<tr><th colspan="8">Due</th><td class="num"><strong><?cs var:b.open ?></strong></td></tr><?cs /if ?>
</tfoot></table>
<?cs if:subcount(b.payments) ?><h2>Paid by</h2><table class="list" tabindex="0"><tbody>
<?cs each:a = b.payments ?><tr><td><?cs var:date(a.date) ?></td><td><a href="/app/payments/<?cs var:a.id ?>"><?cs var:a.number ?></a></td><td class="num"><?cs var:a.amount ?></td></tr>
<?cs /each ?></tbody></table><?cs /if ?>
<?cs if:b.notes ?><h2>Notes</h2><p><?cs var:b.notes ?></p><?cs /if ?>
<h2>Actions</h2>
<?cs if:b.can.edit ?><p><a class="button" href="/app/bills/<?cs var:b.id ?>/edit">Change the draft</a></p><?cs /if ?>
<?cs if:b.can.receive ?><form method="post" action="/app/bills/<?cs var:b.id ?>/receive"><input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>"><button type="submit">Receive (numbers and posts it; goods go into stock)</button></form><?cs /if ?>
<?cs if:b.can.delete ?><form method="post" action="/app/bills/<?cs var:b.id ?>/delete"><input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>"><button type="submit">Delete the draft</button></form><?cs /if ?>
<?cs if:b.can.pay ?><p><a class="button" href="/app/payments/new?direction=out&amp;party=<?cs var:b.supplier_code ?>&amp;bill=<?cs var:b.number ?>&amp;amount=<?cs var:b.open ?>">Pay this bill</a></p><?cs /if ?>
<?cs if:b.can.void ?><form method="post" action="/app/bills/<?cs var:b.id ?>/void"><input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>"><button type="submit">Void…</button> <small>reverses its entry, takes its goods back out of stock; asks first</small></form><?cs /if ?>
</section><?cs /with ?>
