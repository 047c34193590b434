<?cs include:"partials/list.cs" ?>
<section>
<h1><?cs var:data.kind_title ?></h1>
<form method="get" action="/app/<?cs var:data.path ?>" class="filters">
<label>Search <input name="q" type="search" value="<?cs var:data.filter.q ?>" placeholder="name, code, email, tax id"></label>
<label>Show <select name="archived">
<option value="false"<?cs if:data.filter.archived == "false" || !data.filter.archived ?> selected<?cs /if ?>>active</option>
<option value="true"<?cs if:data.filter.archived == "true" ?> selected<?cs /if ?>>archived</option>
<option value="all"<?cs if:data.filter.archived == "all" ?> selected<?cs /if ?>>all</option></select></label>
<label>Sort <select name="sort">
<option value="name"<?cs if:data.sort == "name" ?> selected<?cs /if ?>>by name</option>
<option value="newest"<?cs if:data.sort == "newest" ?> selected<?cs /if ?>>newest first</option><?cs if:data.sort != "name" && data.sort != "newest" ?><option value="<?cs var:data.sort ?>" selected>as the column chosen</option><?cs /if ?></select></label>
<button type="submit">Filter</button>
</form>
<?cs if:data.can_write ?><p><a class="button" href="/app/<?cs var:data.path ?>/new">New <?cs var:data.kind_one ?></a></p><?cs /if ?>
<?cs if:!subcount(data.items) ?><p>No <?cs var:data.kind_title ?><?cs if:data.filter.q ?> match “<?cs var:data.filter.q ?>”<?cs /if ?>.</p><?cs else ?>
<?cs set:bulk = data.can_write && data.path != "parties" ?>
<?cs if:bulk ?><form method="post" action="/app/<?cs var:data.path ?>/bulk-archive" id="bulk"><input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>"></form><?cs /if ?>
<div class="table-wrap"><table class="list" tabindex="0"><thead><tr><?cs if:bulk ?><th scope="col"><span class="visually-hidden">Select</span></th><?cs /if ?><?cs call:sort_th("code", "Code", "") ?><?cs call:sort_th("name", "Name", "") ?><?cs call:sort_th("email", "Email", "") ?><th scope="col">Tax id</th><?cs call:sort_th("currency", "Currency", "") ?><?cs call:sort_th("terms", "Terms", "") ?><th scope="col" class="num">Credit limit</th><th scope="col">Status</th></tr></thead><tbody>
<?cs each:p = data.items ?><tr><?cs if:bulk ?><td><?cs if:!p.archived ?><input type="checkbox" name="id" value="<?cs var:p.id ?>" form="bulk" aria-label="Select <?cs var:p.name ?>"><?cs /if ?></td><?cs /if ?><td><?cs var:p.code ?></td>
<td><a href="/app/<?cs var:data.path ?>/<?cs var:p.id ?>"><?cs var:p.name ?></a><?cs if:p.is_customer && p.is_supplier ?> <small>(customer and supplier)</small><?cs /if ?></td>
<td><?cs var:p.email ?></td><td><?cs var:p.tax_id ?></td><td><?cs var:p.currency ?></td><td><?cs var:p.terms_days ?> days</td>
<td class="num"><?cs if:p.credit_limit_text ?><?cs var:p.credit_limit_text ?><?cs else ?>none<?cs /if ?></td>
<td><?cs if:p.archived ?>archived<?cs else ?>active<?cs /if ?></td></tr>
<?cs /each ?></tbody></table></div><?cs call:pager() ?>
<?cs if:bulk ?><p><button type="submit" form="bulk">Archive the selected</button></p><?cs /if ?><?cs /if ?>
</section>
