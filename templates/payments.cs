<?cs include:"partials/list.cs" ?>
<section>
<h1>Payments</h1>
<p><a href="/app/bills">Bills</a> · <a href="/app/invoices">Invoices</a><?cs if:data.can_write ?> · <a class="button" href="/app/payments/new?direction=in">Money received</a> <a class="button" href="/app/payments/new?direction=out">Money paid out</a><?cs /if ?></p>
<form method="get" action="/app/payments" class="filters">
<label>Direction <select name="direction"><option value="">(any)</option>
<option value="in"<?cs if:data.filter.direction == "in" ?> selected<?cs /if ?>>received</option>
<option value="out"<?cs if:data.filter.direction == "out" ?> selected<?cs /if ?>>paid out</option></select></label>
<label>Kind <select name="kind"><option value="">(any)</option>
<option value="payment"<?cs if:data.filter.kind == "payment" ?> selected<?cs /if ?>>payment</option>
<option value="refund"<?cs if:data.filter.kind == "refund" ?> selected<?cs /if ?>>refund</option></select></label>
<label>Method <select name="method"><option value="">(any)</option>
<option value="cash"<?cs if:data.filter.method == "cash" ?> selected<?cs /if ?>>cash</option>
<option value="bank_transfer"<?cs if:data.filter.method == "bank_transfer" ?> selected<?cs /if ?>>bank transfer</option>
<option value="card"<?cs if:data.filter.method == "card" ?> selected<?cs /if ?>>card</option>
<option value="cheque"<?cs if:data.filter.method == "cheque" ?> selected<?cs /if ?>>cheque</option>
<option value="upi"<?cs if:data.filter.method == "upi" ?> selected<?cs /if ?>>UPI</option>
<option value="other"<?cs if:data.filter.method == "other" ?> selected<?cs /if ?>>other</option></select></label>
<label>Party <input name="party" value="<?cs var:data.filter.party ?>" placeholder="code" size="10"></label>
<label>From <input name="from" type="date" value="<?cs var:data.filter.from ?>"></label>
<label>To <input name="to" type="date" value="<?cs var:data.filter.to ?>"></label>
<label><input type="checkbox" name="credit" value="true"<?cs if:data.filter.credit == "true" ?> checked<?cs /if ?>> with credit left</label>
<label>Search <input name="q" type="search" value="<?cs var:data.filter.q ?>" placeholder="number, party, reference"></label>
<button type="submit">Filter</button>
</form>
<?cs if:!subcount(data.items) ?><p>No payments<?cs if:data.filter.direction || data.filter.kind || data.filter.party || data.filter.method || data.filter.from || data.filter.to || data.filter.q || data.filter.credit ?> match these filters<?cs /if ?>.</p><?cs else ?>
<div class="table-wrap"><table class="list" tabindex="0"><thead><tr><?cs call:sort_th("number", "Number", "") ?><?cs call:sort_th("date", "Date", "") ?><th scope="col">Kind</th><?cs call:sort_th("party", "Party", "") ?><?cs call:sort_th("method", "Method", "") ?><th scope="col">Reference</th><?cs call:sort_th("amount", "Amount", "num") ?><?cs call:sort_th("credit", "Credit left", "num") ?><th scope="col">Branch</th></tr></thead><tbody>
<?cs each:p = data.items ?><tr><td><a href="/app/payments/<?cs var:p.id ?>"><?cs var:p.number ?></a></td><td><?cs var:date(p.payment_date) ?></td><td><?cs if:p.kind == "refund" ?>refund <?cs /if ?><?cs if:p.direction == "in" ?>received<?cs else ?>paid out<?cs /if ?></td><td><?cs var:p.party ?></td><td><?cs var:words(p.method) ?></td><td><?cs var:p.reference ?></td><td class="num"><?cs var:p.amount ?> <?cs var:p.currency ?></td><td class="num"><?cs if:p.kind == "payment" ?><?cs var:p.unallocated ?><?cs /if ?></td><td><?cs var:p.branch ?></td></tr>
<?cs /each ?></tbody></table></div><?cs call:pager() ?><?cs /if ?>
</section>
