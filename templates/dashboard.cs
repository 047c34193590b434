<?cs def:totals(t, what) ?><?cs if:subcount(t) ?><?cs each:x = t ?><div class="figure"><?cs var:x.amount ?> <small><?cs var:x.currency ?></small></div><div class="count"><?cs var:what ?>: <?cs var:x.count ?></div><?cs /each ?><?cs else ?><div class="figure">0</div><div class="count"><?cs var:what ?>: 0</div><?cs /if ?><?cs /def ?>
<section>
<h1><?cs var:data.tenant.name ?></h1>
<p>Signed in as <?cs var:data.user.name ?> (<?cs var:data.role ?>).</p>

<?cs if:subcount(data.figures.checklist) ?><div class="card" id="checklist"><h2>Getting started</h2>
<ol class="checklist"><?cs each:s = data.figures.checklist ?><li><?cs if:s.done ?><span class="done">&#10003; <?cs var:s.label ?></span> <small>(done)</small><?cs else ?><a href="<?cs var:s.href ?>"><?cs var:s.label ?></a><?cs /if ?></li><?cs /each ?></ol></div><?cs /if ?>
<div class="dash">
<?cs if:subcount(data.figures.receivable) ?><div class="card" id="receivable"><h2><a href="<?cs var:data.figures.receivable.href ?>">Owed to you</a></h2><?cs call:totals(data.figures.receivable.totals, "Invoices") ?></div><?cs /if ?>
<?cs if:subcount(data.figures.payable) ?><div class="card" id="payable"><h2><a href="<?cs var:data.figures.payable.href ?>">You owe</a></h2><?cs call:totals(data.figures.payable.totals, "Bills") ?></div><?cs /if ?>
<?cs if:subcount(data.figures.overdue) ?><div class="card" id="overdue"><h2><a href="<?cs var:data.figures.overdue.href ?>">Overdue invoices</a></h2><?cs call:totals(data.figures.overdue.totals, "Invoices") ?>
<?cs if:subcount(data.figures.overdue.items) ?><ul><?cs each:i = data.figures.overdue.items ?><li><a href="<?cs var:i.href ?>"><?cs var:i.number ?></a> <?cs var:i.customer ?>, due <?cs var:date(i.due_date) ?>: <?cs var:i.open ?> <?cs var:i.currency ?></li><?cs /each ?></ul><?cs /if ?></div><?cs /if ?>
<?cs if:subcount(data.figures.cash) ?><div class="card" id="cash"><h2><a href="<?cs var:data.figures.cash.href ?>">Cash and bank</a></h2>
<?cs if:subcount(data.figures.cash.accounts) ?><ul><?cs each:a = data.figures.cash.accounts ?><li><a href="<?cs var:a.href ?>"><?cs var:a.name ?></a>: <?cs var:a.balance ?> <?cs var:a.currency ?></li><?cs /each ?></ul><?cs else ?><p>No bank or cash account.</p><?cs /if ?></div><?cs /if ?>
<?cs if:subcount(data.figures.sales) ?><div class="card" id="sales"><h2>Sales before tax</h2>
<p><a href="<?cs var:data.figures.sales.this_month.href ?>">This month</a></p><?cs call:totals(data.figures.sales.this_month.totals, "Invoices") ?>
<p><a href="<?cs var:data.figures.sales.last_month.href ?>">Last month</a></p><?cs call:totals(data.figures.sales.last_month.totals, "Invoices") ?></div><?cs /if ?>
<?cs if:subcount(data.figures.low_stock) ?><div class="card" id="low-stock"><h2><a href="<?cs var:data.figures.low_stock.href ?>">Low stock</a></h2><div class="figure"><?cs var:data.figures.low_stock.count ?> <small>products</small></div><div class="count">below their reorder level</div>
<?cs if:subcount(data.figures.low_stock.items) ?><ul><?cs each:i = data.figures.low_stock.items ?><li><a href="<?cs var:i.href ?>"><?cs var:i.sku ?></a> <?cs var:i.name ?>: <?cs var:i.available ?> of <?cs var:i.reorder_level ?></li><?cs /each ?></ul><?cs /if ?></div><?cs /if ?>
<?cs if:subcount(data.figures.drafts) ?><div class="card" id="drafts"><h2>Drafts waiting</h2><ul>
<?cs if:subcount(data.figures.drafts.orders) ?><li><a href="<?cs var:data.figures.drafts.orders.href ?>">Orders: <?cs var:data.figures.drafts.orders.count ?></a></li><?cs /if ?>
<?cs if:subcount(data.figures.drafts.invoices) ?><li><a href="<?cs var:data.figures.drafts.invoices.href ?>">Invoices: <?cs var:data.figures.drafts.invoices.count ?></a></li><?cs /if ?>
<?cs if:subcount(data.figures.drafts.bills) ?><li><a href="<?cs var:data.figures.drafts.bills.href ?>">Bills: <?cs var:data.figures.drafts.bills.count ?></a></li><?cs /if ?></ul></div><?cs /if ?>
</div>

</section>
