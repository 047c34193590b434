<?cs include:"partials/list.cs" ?>
<section>
<h1><?cs if:data.credit_notes ?>Credit notes<?cs else ?>Invoices<?cs /if ?></h1>
<p><a href="/app/invoices">Invoices</a> · <a href="/app/credit-notes">Credit notes</a><?cs if:data.can_write && !data.credit_notes ?> · <a class="button" href="/app/invoices/new">New invoice</a><?cs /if ?></p>
<form method="get" action="/app/<?cs if:data.credit_notes ?>credit-notes<?cs else ?>invoices<?cs /if ?>" class="filters">
<label>Status <select name="status"><option value="">(any)</option>
<option value="draft"<?cs if:data.filter.status == "draft" ?> selected<?cs /if ?>>draft</option>
<option value="issued"<?cs if:data.filter.status == "issued" ?> selected<?cs /if ?>>issued</option>
<option value="partially_paid"<?cs if:data.filter.status == "partially_paid" ?> selected<?cs /if ?>>partly paid</option>
<option value="paid"<?cs if:data.filter.status == "paid" ?> selected<?cs /if ?>>paid</option>
<option value="overdue"<?cs if:data.filter.status == "overdue" ?> selected<?cs /if ?>>overdue</option>
<option value="void"<?cs if:data.filter.status == "void" ?> selected<?cs /if ?>>void</option>
</select></label>
<label>Customer <input name="customer" value="<?cs var:data.filter.customer ?>" placeholder="code" size="10"></label>
<label>From <input name="from" type="date" value="<?cs var:data.filter.from ?>"></label>
<label>To <input name="to" type="date" value="<?cs var:data.filter.to ?>"></label>
<label>Search <input name="q" type="search" value="<?cs var:data.filter.q ?>" placeholder="number, customer, reference"></label>
<?cs if:data.sort != "newest" ?><input type="hidden" name="sort" value="<?cs var:data.sort ?>"><?cs /if ?><button type="submit">Filter</button>
</form>
<?cs if:!subcount(data.items) ?><p>No <?cs if:data.credit_notes ?>credit notes<?cs else ?>invoices<?cs /if ?><?cs if:data.filter.status || data.filter.customer || data.filter.from || data.filter.to || data.filter.q ?> match these filters<?cs /if ?>.</p><?cs else ?>
<?cs set:bulk = data.can_write && !data.credit_notes ?>
<?cs if:bulk ?><form method="post" action="/app/invoices/bulk-issue" id="bulk"><input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>"></form><?cs /if ?>
<div class="table-wrap"><table class="list" tabindex="0"><thead><tr><?cs if:bulk ?><th scope="col"><span class="visually-hidden">Select</span></th><?cs /if ?><?cs call:sort_th("number", "Number", "") ?><?cs call:sort_th("customer", "Customer", "") ?><?cs call:sort_th("issued", "Issued", "") ?><?cs call:sort_th("due", "Due", "") ?><?cs call:sort_th("status", "Status", "") ?><?cs call:sort_th("total", "Total", "num") ?><?cs call:sort_th("open", "Open", "num") ?><th scope="col">Branch</th></tr></thead><tbody>
<?cs each:i = data.items ?><tr><?cs if:bulk ?><td><?cs if:i.status == "draft" ?><input type="checkbox" name="id" value="<?cs var:i.id ?>" form="bulk" id="pick-<?cs var:i.id ?>" aria-label="Select the draft for <?cs var:i.customer ?>"><?cs /if ?></td><?cs /if ?><td><a href="/app/invoices/<?cs var:i.id ?>"><?cs if:i.number ?><?cs var:i.number ?><?cs else ?>(draft)<?cs /if ?></a></td><td><?cs var:i.customer ?></td><td><?cs var:date(i.issue_date) ?></td><td><?cs var:date(i.due_date) ?></td><td><span class="status <?cs var:i.status ?>"><?cs var:words(i.status) ?></span></td><td class="num"><?cs var:i.total ?> <?cs var:i.currency ?></td><td class="num"><?cs var:i.open ?></td><td><?cs var:i.branch ?></td></tr>
<?cs /each ?></tbody></table></div><?cs /if ?>
<?cs if:subcount(data.items) ?><?cs call:pager() ?>
<?cs if:bulk ?><p><button type="submit" form="bulk">Issue the selected drafts</button></p><?cs /if ?><?cs /if ?>
</section>
