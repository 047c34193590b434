<?cs include:"partials/list.cs" ?>
<section>
<h1>Bills</h1>
<p><a href="/app/payments">Payments</a><?cs if:data.can_write ?> · <a class="button" href="/app/bills/new">New bill</a><?cs /if ?></p>
<form method="get" action="/app/bills" class="filters">
<label>Status <select name="status"><option value="">(any)</option>
<option value="draft"<?cs if:data.filter.status == "draft" ?> selected<?cs /if ?>>draft</option>
<option value="received"<?cs if:data.filter.status == "received" ?> selected<?cs /if ?>>received</option>
<option value="partially_paid"<?cs if:data.filter.status == "partially_paid" ?> selected<?cs /if ?>>partly paid</option>
<option value="paid"<?cs if:data.filter.status == "paid" ?> selected<?cs /if ?>>paid</option>
<option value="overdue"<?cs if:data.filter.status == "overdue" ?> selected<?cs /if ?>>overdue</option>
<option value="void"<?cs if:data.filter.status == "void" ?> selected<?cs /if ?>>void</option>
</select></label>
<label>Supplier <input name="supplier" value="<?cs var:data.filter.supplier ?>" placeholder="code" size="10"></label>
<label>From <input name="from" type="date" value="<?cs var:data.filter.from ?>"></label>
<label>To <input name="to" type="date" value="<?cs var:data.filter.to ?>"></label>
<label>Search <input name="q" type="search" value="<?cs var:data.filter.q ?>" placeholder="number, supplier, their reference"></label>
<button type="submit">Filter</button>
</form>
<?cs if:!subcount(data.items) ?><p>No bills<?cs if:data.filter.status || data.filter.supplier || data.filter.from || data.filter.to || data.filter.q ?> match these filters<?cs /if ?>.</p><?cs else ?>
<div class="table-wrap"><table class="list" tabindex="0"><thead><tr><?cs call:sort_th("number", "Number", "") ?><th scope="col">Their reference</th><?cs call:sort_th("supplier", "Supplier", "") ?><?cs call:sort_th("dated", "Dated", "") ?><?cs call:sort_th("due", "Due", "") ?><?cs call:sort_th("status", "Status", "") ?><?cs call:sort_th("total", "Total", "num") ?><?cs call:sort_th("open", "Open", "num") ?><th scope="col">Branch</th></tr></thead><tbody>
<?cs each:b = data.items ?><tr><td><a href="/app/bills/<?cs var:b.id ?>"><?cs if:b.number ?><?cs var:b.number ?><?cs else ?>(draft)<?cs /if ?></a></td><td><?cs var:b.supplier_ref ?></td><td><?cs var:b.supplier ?></td><td><?cs var:date(b.bill_date) ?></td><td><?cs var:date(b.due_date) ?></td><td><span class="status <?cs var:b.status ?>"><?cs var:words(b.status) ?></span></td><td class="num"><?cs var:b.total ?> <?cs var:b.currency ?></td><td class="num"><?cs var:b.open ?></td><td><?cs var:b.branch ?></td></tr>
<?cs /each ?></tbody></table></div><?cs call:pager() ?><?cs /if ?>
</section>
