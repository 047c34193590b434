<?cs include:"partials/field.cs" ?>
<section class="card">
<p><a href="/app/<?cs var:data.path ?>"><?cs var:data.kind_title ?></a></p>
<h1><?cs var:data.party.name ?> <small><?cs var:data.party.code ?></small></h1>
<table class="list" tabindex="0"><tbody>
<tr><th>Is</th><td><?cs if:data.party.is_customer ?>a customer<?cs /if ?><?cs if:data.party.is_customer && data.party.is_supplier ?> and <?cs /if ?><?cs if:data.party.is_supplier ?>a supplier<?cs /if ?><?cs if:data.party.archived ?> (archived)<?cs /if ?></td></tr>
<tr><th>Email</th><td><?cs var:data.party.email ?></td></tr>
<tr><th>Phone</th><td><?cs var:data.party.phone ?></td></tr>
<tr><th>Tax id</th><td><?cs var:data.party.tax_id ?></td></tr>
<tr><th>Currency</th><td><?cs var:data.party.currency ?></td></tr>
<tr><th>Payment terms</th><td><?cs var:data.party.terms_days ?> days</td></tr>
<tr><th>Credit limit</th><td><?cs if:data.party.credit_limit_text ?><?cs var:data.party.credit_limit_text ?> <?cs var:data.party.currency ?><?cs else ?>none<?cs /if ?></td></tr>
<?cs if:data.party.notes ?><tr><th>Notes</th><td><?cs var:data.party.notes ?></td></tr><?cs /if ?>
</tbody></table>
<?cs if:data.can_statement || data.can_sell || data.can_buy ?><p class="next">
<?cs if:data.can_statement ?><a class="button" href="/app/statements/<?cs var:data.party.id ?>">Statement</a><?cs /if ?>
<?cs if:data.can_sell ?><a class="button" href="/app/orders/new?customer=<?cs var:data.code_q ?>">New order</a>
<a class="button" href="/app/invoices/new?customer=<?cs var:data.code_q ?>">New invoice</a>
<a class="button" href="/app/payments/new?direction=in&amp;party=<?cs var:data.code_q ?>">Record payment</a><?cs /if ?>
<?cs if:data.can_buy ?><a class="button" href="/app/payments/new?direction=out&amp;party=<?cs var:data.code_q ?>">Pay</a><?cs /if ?>
</p><?cs /if ?>
<h2>Open balance</h2>
<?cs if:!subcount(data.party.balances) ?><p>Nothing open: no issued invoice or received bill is waiting for payment.</p><?cs else ?>
<table class="list" tabindex="0"><thead><tr><th>What</th><th>Documents</th><th class="num">Amount</th></tr></thead><tbody>
<?cs each:b = data.party.balances ?><tr><td><?cs if:b.kind == "receivable" ?>owed to us<?cs else ?>we owe<?cs /if ?></td><td><?cs var:b.documents ?></td><td class="num"><?cs var:b.amount_text ?> <?cs var:b.currency ?></td></tr><?cs /each ?>
</tbody></table><?cs /if ?>
<?cs if:data.can_write ?><p><a class="button" href="/app/<?cs var:data.path ?>/<?cs var:data.party.id ?>/edit">Edit</a></p>
<form method="post" action="/app/<?cs var:data.path ?>/<?cs var:data.party.id ?>/<?cs if:data.party.archived ?>unarchive<?cs else ?>archive<?cs /if ?>">
<input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>">
<p><button type="submit"><?cs if:data.party.archived ?>Unarchive<?cs else ?>Archive<?cs /if ?></button></p>
</form><?cs /if ?>
</section>
<section class="card">
<h2>Contacts</h2>
<?cs if:!subcount(data.party.contacts) ?><p>No contacts yet.</p><?cs else ?>
<table class="list" tabindex="0"><thead><tr><th>Name</th><th>Role</th><th>Email</th><th>Phone</th><th></th></tr></thead><tbody>
<?cs each:k = data.party.contacts ?><tr><td><?cs var:k.name ?><?cs if:k.is_primary ?> <small>(primary)</small><?cs /if ?></td><td><?cs var:k.role ?></td><td><?cs var:k.email ?></td><td><?cs var:k.phone ?></td>
<td><?cs if:data.can_write ?><form method="post" action="/app/<?cs var:data.path ?>/<?cs var:data.party.id ?>/contacts/<?cs var:k.id ?>/delete"><input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>"><button type="submit">Remove</button></form><?cs /if ?></td></tr>
<?cs /each ?></tbody></table><?cs /if ?>
<?cs if:data.can_write ?><form method="post" action="/app/<?cs var:data.path ?>/<?cs var:data.party.id ?>/contacts" class="filters">
<input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>">
<label>Name <input name="name" required></label>
<label>Role <input name="role"></label>
<label>Email <input name="email" type="email"></label>
<label>Phone <input name="phone" type="tel"></label>
<label><input type="checkbox" name="is_primary" value="true"> primary</label>
<button type="submit">Add the contact</button>
</form><?cs /if ?>
</section>
<section class="card">
<h2>Addresses</h2>
<?cs if:!subcount(data.party.addresses) ?><p>No addresses yet.</p><?cs else ?>
<table class="list" tabindex="0"><thead><tr><th>Kind</th><th>Address</th><th></th></tr></thead><tbody>
<?cs each:a = data.party.addresses ?><tr><td><?cs var:words(a.kind) ?><?cs if:a.is_default ?> <small>(default)</small><?cs /if ?></td>
<td><?cs var:a.line1 ?><?cs if:a.line2 ?>, <?cs var:a.line2 ?><?cs /if ?><?cs if:a.city ?>, <?cs var:a.city ?><?cs /if ?><?cs if:a.region ?>, <?cs var:a.region ?><?cs /if ?><?cs if:a.postal_code ?> <?cs var:a.postal_code ?><?cs /if ?>, <?cs var:a.country ?></td>
<td><?cs if:data.can_write ?><form method="post" action="/app/<?cs var:data.path ?>/<?cs var:data.party.id ?>/addresses/<?cs var:a.id ?>/delete"><input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>"><button type="submit">Remove</button></form><?cs /if ?></td></tr>
<?cs /each ?></tbody></table><?cs /if ?>
<?cs if:data.can_write ?><form method="post" action="/app/<?cs var:data.path ?>/<?cs var:data.party.id ?>/addresses" class="filters">
<input type="hidden" name="csrf_token" value="<?cs var:Page.csrf_token ?>">
<label>Kind <select name="kind"><option value="billing">billing</option><option value="shipping">shipping</option></select></label>
<label>Line 1 <input name="line1" required></label>
<label>Line 2 <input name="line2"></label>
<label>City <input name="city"></label>
<label>State or region <input name="region"></label>
<label>Postal code <input name="postal_code" size="8"></label>
<label>Country <input name="country" value="IN" size="2"></label>
<label><input type="checkbox" name="is_default" value="true"> default</label>
<button type="submit">Add the address</button>
</form><?cs /if ?>
</section>
