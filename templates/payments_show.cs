<?cs with:p = data.payment ?><section class="card">
<p><a href="/app/payments">Payments</a></p>
<h1><?cs if:p.kind == "refund" ?>Refund<?cs else ?>Payment<?cs /if ?> <?cs var:p.number ?></h1>
<?cs if:data.error ?><p class="alert" role="alert"><?cs var:data.error ?></p><?cs /if ?>
<table class="list" tabindex="0"><tbody>
<tr><th>Branch</th><td><?cs var:p.branch ?></td></tr>
<tr><th><?cs if:p.direction == "in" ?>From<?cs else ?>To<?cs /if ?></th><td><?cs var:p.party ?> (<?cs var:p.party_code ?>) · <a href="/app/statements/<?cs var:p.party_id ?>">statement</a></td></tr>
<tr><th>Date</th><td><?cs var:date(p.payment_date) ?></td></tr>
<tr><th>Amount</th><td><strong><?cs var:p.amount ?> <?cs var:p.currency ?></strong> <?cs if:p.direction == "in" ?>received<?cs else ?>paid out<?cs /if ?></td></tr>
<tr><th>Method</th><td><?cs var:words(p.method) ?>, account <?cs var:p.account ?></td></tr>
<?cs if:p.reference ?><tr><th>Reference</th><td><?cs var:p.reference ?></td></tr><?cs /if ?>
<?cs if:p.refund_of ?><tr><th>Refund of</th><td><a href="/app/payments/<?cs var:p.refund_of ?>"><?cs var:p.refund_of_number ?></a></td></tr><?cs /if ?>
<?cs if:p.kind == "payment" ?><tr><th>Allocated</th><td><?cs var:p.allocated ?></td></tr>
<tr><th>Credit left</th><td><?cs var:p.unallocated ?></td></tr><?cs /if ?>
<tr><th>Posted</th><td><a href="/app/journal/<?cs var:p.entry_id ?>">journal entry</a></td></tr>
</tbody></table>
<?cs if:p.notes ?><p><?cs var:p.notes ?></p><?cs /if ?>
<?cs if:subcount(p.allocations) ?><h2><?cs if:p.kind == "refund" ?>Refunds<?cs else ?>Settles<?cs /if ?></h2><table class="list" tabindex="0"><thead><tr><th>Document</th><th>Status now</th><th class="num">Amount</th><th class="num">Still open</th></tr></thead><tbody>
<?cs each:a = p.allocations ?><tr><td><a href="/app/<?cs if:a.kind == "bill" ?>bills<?cs else ?>invoices<?cs /if ?>/<?cs var:a.id ?>"><?cs var:a.number ?></a></td><td><?cs var:words(a.status) ?></td><td class="num"><?cs var:a.amount ?></td><td class="num"><?cs var:a.open ?></td></tr>
<?cs /each ?></tbody></table><?cs /if ?>
<?cs if:subcount(p.refunds) ?><h2>Refunded</h2><table class="list" tabindex="0"><tbody>
<?cs each:r = p.refunds ?><tr><td><a href="/app/payments/<?cs var:r.id ?>"><?cs var:r.number ?></a></td><td><?cs var:date(r.payment_date) ?></td><td class="num"><?cs var:r.amount ?></td></tr>
<?cs /each ?></tbody></table><?cs /if ?>
<?cs if:p.can.allocate ?><h2>Allocate the credit</h2>
<form method="post" action="/app/payments/<?cs var:p.id ?>/allocate"><input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>"><input type="hidden" name="direction" value="<?cs var:p.direction ?>">
<table class="list" tabindex="0"><thead><tr><th><?cs if:p.direction == "in" ?>Invoice<?cs else ?>Bill<?cs /if ?></th><th>Amount</th></tr></thead><tbody>
<tr><td><select name="alloc_doc" aria-label="Invoice or bill number"><option value="">(choose)</option><?cs each:o = data.open ?><option value="<?cs var:o.number ?>"><?cs var:o.number ?> (open <?cs var:o.open ?>)</option><?cs /each ?></select></td><td><input name="alloc_amount" aria-label="Amount allocated" size="10"></td></tr>
</tbody></table>
<p><button type="submit">Allocate</button></p></form>
<h2>Refund the credit</h2>
<form method="post" action="/app/payments/<?cs var:p.id ?>/refund"><input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>">
<p class="field<?cs if:data.fields.amount ?> invalid<?cs /if ?>"><label for="amount">Amount</label><input id="amount" name="amount" size="10"><?cs if:data.fields.amount ?><span class="error"><?cs var:data.fields.amount ?></span><?cs /if ?></p>
<p><label>Date <input type="date" name="payment_date"></label> <label>Reference <input name="reference" size="20"></label></p>
<p><button type="submit">Refund</button></p></form><?cs /if ?>
</section><?cs /with ?>
