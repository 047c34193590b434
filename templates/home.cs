<section class="hero">
<h1><?cs var:data.name ?></h1>
<p><?cs var:data.tagline ?></p>
<p><a class="button" href="<?cs var:data.login ?>">Sign in</a></p>
</section>
<section class="features">
<ul>
<li><strong>Books</strong>: a journal that always balances, tax, currencies, trial balance.</li>
<li><strong>Commerce</strong>: customers, products, stock, orders, invoices and payments.</li>
<li><strong>Trade desk, time billing, reconciliation, reports</strong>, and webhooks for your other systems.</li>
</ul>
</section>
