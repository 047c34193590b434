<section>
<h1>Products</h1>
<p><a href="/app/categories">Categories</a></p>
<form method="get" action="/app/products" class="filters">
<label>Search <input name="q" type="search" value="<?cs var:data.filter.q ?>" placeholder="name or SKU"></label>
<label>Kind <select name="kind"><option value="">(any)</option>
<option value="goods"<?cs if:data.filter.kind == "goods" ?> selected<?cs /if ?>>goods (stock)</option>
<option value="service"<?cs if:data.filter.kind == "service" ?> selected<?cs /if ?>>services</option></select></label>
<label>Category <select name="category"><option value="">(any)</option><?cs each:k = data.categories ?>
<option value="<?cs var:k.id ?>"<?cs if:data.filter.category == k.id ?> selected<?cs /if ?>><?cs var:k.name ?></option><?cs /each ?></select></label>
<label>Show <select name="archived">
<option value="false"<?cs if:data.filter.archived == "false" || !data.filter.archived ?> selected<?cs /if ?>>active</option>
<option value="true"<?cs if:data.filter.archived == "true" ?> selected<?cs /if ?>>archived</option>
<option value="all"<?cs if:data.filter.archived == "all" ?> selected<?cs /if ?>>all</option></select></label>
<label>Sort <select name="sort">
<option value="name"<?cs if:data.filter.sort != "sku" && data.filter.sort != "newest" ?> selected<?cs /if ?>>by name</option>
<option value="sku"<?cs if:data.filter.sort == "sku" ?> selected<?cs /if ?>>by SKU</option>
<option value="newest"<?cs if:data.filter.sort == "newest" ?> selected<?cs /if ?>>newest first</option></select></label>
<button type="submit">Filter</button>
</form>
<?cs if:data.can_write ?><p><a class="button" href="/app/products/new">New product</a></p><?cs /if ?>
<?cs if:!subcount(data.items) ?><p>No products<?cs if:data.filter.q ?> match “<?cs var:data.filter.q ?>”<?cs /if ?>.</p><?cs else ?>
<table class="list"><thead><tr><th>SKU</th><th>Name</th><th>Kind</th><th>Category</th><th>Tax</th><th>Unit</th><th class="num">Reorder at</th><th>Status</th></tr></thead><tbody>
<?cs each:p = data.items ?><tr><td><?cs var:p.sku ?></td><td><a href="/app/products/<?cs var:p.id ?>"><?cs var:p.name ?></a></td>
<td><?cs if:p.tracked ?>goods<?cs else ?>service<?cs /if ?></td><td><?cs var:p.category ?></td><td><?cs var:p.tax_group ?></td><td><?cs var:p.unit ?></td>
<td class="num"><?cs var:p.reorder_level ?></td><td><?cs if:p.archived ?>archived<?cs else ?>active<?cs /if ?></td></tr>
<?cs /each ?></tbody></table><?cs /if ?>
<?cs if:data.next_href ?><p><a href="<?cs var:data.next_href ?>">More</a></p><?cs /if ?>
</section>
