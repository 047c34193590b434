<?cs include:"partials/field.cs" ?>
<section>
<p><a href="/app/products">Products</a></p>
<h1>Product categories</h1>
<?cs if:!subcount(data.items) ?><p>No categories yet.</p><?cs else ?>
<table class="list" tabindex="0"><thead><tr><th>Name</th><th class="num">Products</th><th></th></tr></thead><tbody>
<?cs each:k = data.items ?><tr><td><a href="/app/products?category=<?cs var:k.id ?>"><?cs var:k.name ?></a></td><td class="num"><?cs var:k.products ?></td>
<td><?cs if:data.can_write ?><form method="post" action="/app/categories/<?cs var:k.id ?>" class="filters"><input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>"><input name="name" value="<?cs var:k.name ?>" aria-label="New name"><button type="submit">Rename</button></form>
<?cs if:k.products == 0 ?><form method="post" action="/app/categories/<?cs var:k.id ?>/delete"><input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>"><button type="submit">Delete</button></form><?cs /if ?><?cs /if ?></td></tr>
<?cs /each ?></tbody></table><?cs /if ?>
</section>
<?cs if:data.can_write ?><section class="card">
<h2>New category</h2>
<?cs if:data.error ?><p class="alert" role="alert"><?cs var:data.error ?></p><?cs /if ?>
<form method="post" action="/app/categories">
<input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>">
<?cs call:field("name", "Name", "text", data.form.name, data.fields.name) ?>
<p><button type="submit">Create the category</button></p>
</form>
</section><?cs /if ?>
