<section class="card">
<h1>Integrity check</h1>
<?cs include:"journal_nav.cs" ?>
<p>Does the trade agree with the books? Amounts in <?cs var:data.currency ?>.
<?cs if:data.ok ?><strong class="ok">Every check holds.</strong><?cs else ?><strong class="alert" role="alert">Some checks fail: the rows under each explain the difference.</strong><?cs /if ?></p>
<?cs each:k = data.checks ?><section class="check" id="<?cs var:k.name ?>">
<h2><?cs var:k.title ?>: <?cs if:k.ok ?>holds<?cs else ?><span class="alert">fails</span><?cs /if ?></h2>
<?cs if:k.expected.currency ?><table class="list"><tbody>
<tr><th>Expected: <?cs var:k.expected_is ?></th><td class="num"><?cs var:k.expected.text ?></td></tr>
<tr><th>Actual: <?cs var:k.actual_is ?></th><td class="num"><?cs var:k.actual.text ?></td></tr>
<tr><th>Difference</th><td class="num"><?cs var:k.difference.text ?></td></tr>
</tbody></table>
<?cs if:subcount(k.explained_by) ?><table class="list"><thead><tr><th>What</th><th>Date</th><th>Why</th><th class="num">Amount</th></tr></thead><tbody>
<?cs each:x = k.explained_by ?><tr><td><?cs if:x.type == "journal_entry" ?><a href="/app/journal/<?cs var:x.id ?>">Journal entry</a><?cs elif:x.type == "bill" ?><a href="/app/bills/<?cs var:x.id ?>">Bill <?cs var:x.number ?></a><?cs elif:x.type == "stock_movement" ?><a href="/app/stock/movements">Stock movement</a><?cs else ?><a href="/app/invoices/<?cs var:x.id ?>"><?cs if:x.type == "credit_note" ?>Credit note<?cs else ?>Invoice<?cs /if ?> <?cs var:x.number ?></a><?cs /if ?></td>
<td><?cs var:x.date ?></td><td><?cs var:x.description ?></td><td class="num"><?cs var:x.amount.text ?></td></tr>
<?cs /each ?></tbody></table><?cs /if ?>
<?cs else ?><p><?cs if:k.ok ?>All <?cs var:k.entries ?> entries are intact.<?cs else ?>The chain breaks at entry #<?cs var:k.first_broken.seq ?><?cs if:k.first_broken.problem ?>: <?cs var:k.first_broken.problem ?><?cs /if ?>. Restore from a backup and find out how.<?cs /if ?></p><?cs /if ?>
</section>
<?cs /each ?></section>
