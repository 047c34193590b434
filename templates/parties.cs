<section>
<h1><?cs var:data.kind_title ?></h1>
<form method="get" action="/app/<?cs var:data.path ?>" class="filters">
<label>Search <input name="q" type="search" value="<?cs var:data.filter.q ?>" placeholder="name, code, email, tax id"></label>
<label>Show <select name="archived">
<option value="false"<?cs if:data.filter.archived == "false" || !data.filter.archived ?> selected<?cs /if ?>>active</option>
<option value="true"<?cs if:data.filter.archived == "true" ?> selected<?cs /if ?>>archived</option>
<option value="all"<?cs if:data.filter.archived == "all" ?> selected<?cs /if ?>>all</option></select></label>
<label>Sort <select name="sort">
<option value="name"<?cs if:data.filter.sort != "newest" ?> selected<?cs /if ?>>by name</option>
<option value="newest"<?cs if:data.filter.sort == "newest" ?> selected<?cs /if ?>>newest first</option></select></label>
<button type="submit">Filter</button>
</form>
<?cs if:data.can_write ?><p><a class="button" href="/app/<?cs var:data.path ?>/new">New <?cs var:data.kind_one ?></a></p><?cs /if ?>
<?cs if:!subcount(data.items) ?><p>No <?cs var:data.kind_title ?><?cs if:data.filter.q ?> match “<?cs var:data.filter.q ?>”<?cs /if ?>.</p><?cs else ?>
<table class="list"><thead><tr><th>Code</th><th>Name</th><th>Email</th><th>Tax id</th><th>Currency</th><th>Terms</th><th class="num">Credit limit</th><th>Status</th></tr></thead><tbody>
<?cs each:p = data.items ?><tr><td><?cs var:p.code ?></td>
<td><a href="/app/<?cs var:data.path ?>/<?cs var:p.id ?>"><?cs var:p.name ?></a><?cs if:p.is_customer && p.is_supplier ?> <small>(customer and supplier)</small><?cs /if ?></td>
<td><?cs var:p.email ?></td><td><?cs var:p.tax_id ?></td><td><?cs var:p.currency ?></td><td><?cs var:p.terms_days ?> days</td>
<td class="num"><?cs if:p.credit_limit_text ?><?cs var:p.credit_limit_text ?><?cs else ?>none<?cs /if ?></td>
<td><?cs if:p.archived ?>archived<?cs else ?>active<?cs /if ?></td></tr>
<?cs /each ?></tbody></table><?cs /if ?>
<?cs if:data.next_href ?><p><a href="<?cs var:data.next_href ?>">More</a></p><?cs /if ?>
</section>
