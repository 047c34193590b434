<?cs if:Page.flash ?><p class="flash" role="status"><?cs var:Page.flash ?></p><?cs /if ?>
