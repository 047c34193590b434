<section class="card">
<h1>Audit log check</h1>
<?cs if:data.valid ?><p>All <?cs var:data.entries ?> entries are intact: every link of the chain holds.</p>
<?cs else ?><p class="alert" role="alert">The chain is broken at entry #<?cs var:data.first_broken_seq ?>: it or an earlier entry was changed outside Bursar.</p><?cs /if ?>
<p><a href="/app/audit">Back to the audit log</a></p>
</section>
