<?cs include:"partials/list.cs" ?>
<section>
<h1>Orders</h1>
<?cs if:data.can_write ?><p><a class="button" href="/app/orders/new">New order</a></p><?cs /if ?>
<form method="get" action="/app/orders" class="filters">
<label>Status <select name="status"><option value="">(any)</option>
<option value="draft"<?cs if:data.filter.status == "draft" ?> selected<?cs /if ?>>draft</option>
<option value="placed"<?cs if:data.filter.status == "placed" ?> selected<?cs /if ?>>placed</option>
<option value="shipped"<?cs if:data.filter.status == "shipped" ?> selected<?cs /if ?>>shipped</option>
<option value="completed"<?cs if:data.filter.status == "completed" ?> selected<?cs /if ?>>completed</option>
<option value="cancelled"<?cs if:data.filter.status == "cancelled" ?> selected<?cs /if ?>>cancelled</option>
</select></label>
<label>Customer <input name="customer" value="<?cs var:data.filter.customer ?>" placeholder="code" size="10"></label>
<label>From <input name="from" type="date" value="<?cs var:data.filter.from ?>"></label>
<label>To <input name="to" type="date" value="<?cs var:data.filter.to ?>"></label>
<label>Search <input name="q" type="search" value="<?cs var:data.filter.q ?>" placeholder="number, customer, reference"></label>
<label>Order <select name="sort"><option value="newest">newest first</option><option value="oldest"<?cs if:data.sort == "oldest" ?> selected<?cs /if ?>>oldest first</option><?cs if:data.sort != "newest" && data.sort != "oldest" ?><option value="<?cs var:data.sort ?>" selected>as the column chosen</option><?cs /if ?></select></label>
<button type="submit">Filter</button>
</form>
<?cs if:!subcount(data.items) ?><p>No orders<?cs if:data.filter.status || data.filter.customer || data.filter.from || data.filter.to || data.filter.q ?> match these filters<?cs /if ?>.</p><?cs else ?>
<div class="table-wrap"><table class="list" tabindex="0"><thead><tr><?cs call:sort_th("number", "Number", "") ?><?cs call:sort_th("customer", "Customer", "") ?><?cs call:sort_th("date", "Date", "") ?><th scope="col">Reference</th><?cs call:sort_th("status", "Status", "") ?><th scope="col">Invoice</th><?cs call:sort_th("total", "Total", "num") ?><th scope="col">Branch</th></tr></thead><tbody>
<?cs each:o = data.items ?><tr><td><a href="/app/orders/<?cs var:o.id ?>"><?cs var:o.number ?></a></td><td><?cs var:o.customer ?></td><td><?cs var:date(o.order_date) ?></td><td><?cs var:o.reference ?></td><td><span class="status <?cs var:o.status ?>"><?cs var:words(o.status) ?></span></td><td><?cs var:o.invoice_number ?></td><td class="num"><?cs var:o.total ?> <?cs var:o.currency ?></td><td><?cs var:o.branch ?></td></tr>
<?cs /each ?></tbody></table></div><?cs call:pager() ?><?cs /if ?>
</section>
