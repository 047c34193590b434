<section class="card">
<h1>Check the books</h1>
<?cs include:"journal_nav.cs" ?>
<?cs if:data.ok ?><p>All <?cs var:data.entries ?> entries are intact: each is exactly as it was posted, and every link of the chain holds.</p>
<?cs else ?><p class="alert" role="alert"><?cs if:data.entry_id ?>Entry <?cs if:data.seq ?>#<?cs var:data.seq ?> <?cs /if ?>(<a href="/app/journal/<?cs var:data.entry_id ?>"><code><?cs var:data.entry_id ?></code></a>)<?cs else ?>Entry #<?cs var:data.seq ?><?cs /if ?>: <?cs var:data.problem ?>. The books were changed outside Bursar from this entry on; restore them from a backup and find out how.</p><?cs /if ?>
</section>
