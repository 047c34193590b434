<?cs include:"partials/list.cs" ?>
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
<option value="name"<?cs if:data.sort == "name" ?> selected<?cs /if ?>>by name</option>
<option value="sku"<?cs if:data.sort == "sku" ?> selected<?cs /if ?>>by SKU</option>
<option value="newest"<?cs if:data.sort == "newest" ?> selected<?cs /if ?>>newest first</option><?cs if:data.sort != "name" && data.sort != "sku" && data.sort != "newest" ?><option value="<?cs var:data.sort ?>" selected>as the column chosen</option><?cs /if ?></select></label>
<button type="submit">Filter</button>
</form>
<?cs if:data.can_write ?><p><a class="button" href="/app/products/new">New product</a></p><?cs /if ?>
<?cs if:!subcount(data.items) ?><p>No products<?cs if:data.filter.q ?> match “<?cs var:data.filter.q ?>”<?cs /if ?>.</p><?cs else ?>
<?cs set:bulk = data.can_write ?>
<?cs if:bulk ?><form method="post" action="/app/products/bulk-archive" id="bulk"><input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>"></form><?cs /if ?>
<div class="table-wrap"><table class="list" tabindex="0"><thead><tr><?cs if:bulk ?><th scope="col"><span class="visually-hidden">Select</span></th><?cs /if ?><?cs call:sort_th("sku", "SKU", "") ?><?cs call:sort_th("name", "Name", "") ?><?cs call:sort_th("kind", "Kind", "") ?><?cs call:sort_th("category", "Category", "") ?><th scope="col">Tax</th><th scope="col">Unit</th><?cs call:sort_th("reorder", "Reorder at", "num") ?><th scope="col">Status</th></tr></thead><tbody>
<?cs each:p = data.items ?><tr><?cs if:bulk ?><td><?cs if:!p.archived ?><input type="checkbox" name="id" value="<?cs var:p.id ?>" form="bulk" aria-label="Select <?cs var:p.sku ?>"><?cs /if ?></td><?cs /if ?><td><?cs var:p.sku ?></td><td><a href="/app/products/<?cs var:p.id ?>"><?cs var:p.name ?></a></td>
<td><?cs if:p.tracked ?>goods<?cs else ?>service<?cs /if ?></td><td><?cs var:p.category ?></td><td><?cs var:p.tax_group ?></td><td><?cs var:p.unit ?></td>
<td class="num"><?cs var:p.reorder_level ?></td><td><?cs if:p.archived ?>archived<?cs else ?>active<?cs /if ?></td></tr>
<?cs /each ?></tbody></table></div><?cs call:pager() ?>
<?cs if:bulk ?><p><button type="submit" form="bulk">Archive the selected</button></p><?cs /if ?><?cs /if ?>
</section>
