<?cs with:s = data.statement ?><section class="card">
<h1>Statement: <?cs var:s.party.name ?> (<?cs var:s.party.code ?>)</h1>
<p><?cs if:s.side == "customer" ?>What the customer owes us<?cs else ?>What we owe the supplier<?cs /if ?>, in <?cs var:s.currency ?><?cs if:s.from ?>, <?cs var:s.from ?><?cs else ?>, from the first document<?cs /if ?> to <?cs var:s.to ?>.</p>
<form method="get" action="/app/statements/<?cs var:s.party.id ?>" class="filters">
<label>From <input name="from" type="date" value="<?cs var:s.from ?>"></label>
<label>To <input name="to" type="date" value="<?cs var:s.to ?>"></label>
<label>As <select name="side"><option value="customer"<?cs if:s.side == "customer" ?> selected<?cs /if ?>>customer</option><option value="supplier"<?cs if:s.side == "supplier" ?> selected<?cs /if ?>>supplier</option></select></label>
<label>Currency <input name="currency" value="<?cs var:s.currency ?>" size="4"></label>
<button type="submit">Show</button>
</form>
<table class="list" tabindex="0"><thead><tr><th>Date</th><th>Document</th><th>Reference</th><th class="num">Debit</th><th class="num">Credit</th><th class="num">Balance</th></tr></thead><tbody>
<tr><td><?cs var:s.from ?></td><td colspan="4">Balance brought forward</td><td class="num"><?cs var:s.opening ?></td></tr>
<?cs each:i = s.items ?><tr><td><?cs var:date(i.date) ?></td><td><?cs var:words(i.kind) ?> <a href="/app/<?cs if:i.kind == "payment" || i.kind == "refund" ?>payments<?cs elif:i.kind == "bill" ?>bills<?cs else ?>invoices<?cs /if ?>/<?cs var:i.id ?>"><?cs var:i.number ?></a></td><td><?cs var:i.reference ?></td><td class="num"><?cs var:i.debit ?></td><td class="num"><?cs var:i.credit ?></td><td class="num"><?cs var:i.balance ?></td></tr>
<?cs /each ?></tbody><tfoot><tr><th colspan="5">Balance at <?cs var:s.to ?></th><td class="num"><strong><?cs var:s.closing ?></strong></td></tr></tfoot></table>
<h2>Aging of what is open</h2>
<table class="list" tabindex="0"><thead><tr><th class="num">Current</th><th class="num">1-30 days</th><th class="num">31-60 days</th><th class="num">61-90 days</th><th class="num">Over 90 days</th><th class="num">Total open</th><th class="num">Unapplied credit</th></tr></thead><tbody>
<tr><td class="num"><?cs var:s.aging.current ?></td><td class="num"><?cs var:s.aging.days_1_30 ?></td><td class="num"><?cs var:s.aging.days_31_60 ?></td><td class="num"><?cs var:s.aging.days_61_90 ?></td><td class="num"><?cs var:s.aging.days_over_90 ?></td><td class="num"><?cs var:s.aging.total ?></td><td class="num"><?cs var:s.aging.unapplied_credit ?></td></tr>
</tbody></table>
<?cs if:subcount(s.open_items) ?><table class="list" tabindex="0"><thead><tr><th>Open</th><th>Due</th><th class="num">Days overdue</th><th class="num">Open</th></tr></thead><tbody>
<?cs each:o = s.open_items ?><tr><td><a href="/app/<?cs if:o.kind == "bill" ?>bills<?cs else ?>invoices<?cs /if ?>/<?cs var:o.id ?>"><?cs var:o.number ?></a></td><td><?cs var:date(o.due_date) ?></td><td class="num"><?cs var:o.days_overdue ?></td><td class="num"><?cs var:o.open ?></td></tr>
<?cs /each ?></tbody></table><?cs /if ?>
</section><?cs /with ?>
