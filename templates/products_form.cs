<?cs include:"partials/field.cs" ?>
<section class="card">
<p><a href="/app/products">Products</a><?cs if:data.product.id ?> · <a href="/app/products/<?cs var:data.product.id ?>"><?cs var:data.product.name ?></a><?cs /if ?></p>
<h1><?cs if:data.product.id ?>Edit <?cs var:data.product.name ?><?cs else ?>New product<?cs /if ?></h1>
<?cs if:data.error ?><p class="alert" role="alert"><?cs var:data.error ?></p><?cs /if ?>
<form method="post" action="/app/products<?cs if:data.product.id ?>/<?cs var:data.product.id ?><?cs /if ?>">
<input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>">
<?cs call:field("sku", "SKU", "text", data.form.sku, data.fields.sku) ?>
<?cs call:field("name", "Name", "text", data.form.name, data.fields.name) ?>
<p class="field<?cs if:data.fields.description ?> invalid<?cs /if ?>"><label for="description">Description</label>
<textarea id="description" name="description" rows="3"><?cs var:data.form.description ?></textarea>
<?cs if:data.fields.description ?><span class="error"><?cs var:data.fields.description ?></span><?cs /if ?></p>
<?cs call:field("unit", "Unit (each, kg, hour)", "text", data.form.unit, data.fields.unit) ?>
<p class="field<?cs if:data.fields.tracked ?> invalid<?cs /if ?>"><label><input type="checkbox" name="tracked" value="true"<?cs if:data.form.tracked == "true" ?> checked<?cs /if ?>> Goods: stock is counted (unticked: a service)</label>
<?cs if:data.fields.tracked ?><span class="error"><?cs var:data.fields.tracked ?></span><?cs /if ?></p>
<p class="field<?cs if:data.fields.category ?> invalid<?cs /if ?>"><label for="category">Category</label>
<select id="category" name="category"><option value="">(none)</option><?cs each:k = data.categories ?>
<option value="<?cs var:k.id ?>"<?cs if:data.form.category == k.id || data.form.category == k.name ?> selected<?cs /if ?>><?cs var:k.name ?></option><?cs /each ?></select>
<?cs if:data.fields.category ?><span class="error"><?cs var:data.fields.category ?></span><?cs /if ?></p>
<p class="field<?cs if:data.fields.tax_group ?> invalid<?cs /if ?>"><label for="tax_group">Tax group</label>
<select id="tax_group" name="tax_group"><option value="">(untaxed)</option><?cs each:g = data.tax_groups ?>
<option value="<?cs var:g.code ?>"<?cs if:data.form.tax_group == g.code ?> selected<?cs /if ?>><?cs var:g.code ?> <?cs var:g.name ?></option><?cs /each ?></select>
<?cs if:data.fields.tax_group ?><span class="error"><?cs var:data.fields.tax_group ?></span><?cs /if ?></p>
<?cs call:field("reorder_level", "Reorder level (units)", "number", data.form.reorder_level, data.fields.reorder_level) ?>
<?cs call:field("price", "Unit price", "text", data.form.price, data.fields.price) ?>
<?cs call:field("price_currency", "in the currency", "text", data.form.price_currency, data.fields.price_currency) ?>
<p><button type="submit"><?cs if:data.product.id ?>Save<?cs else ?>Create<?cs /if ?></button></p>
</form>
</section>
