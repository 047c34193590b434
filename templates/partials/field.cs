<?cs def:field(name, label, type, value, err) ?><p class="field<?cs if:err ?> invalid<?cs /if ?>">
<label for="<?cs var:name ?>"><?cs var:label ?></label>
<input id="<?cs var:name ?>" name="<?cs var:name ?>" type="<?cs var:type ?>" value="<?cs var:value ?>"<?cs if:type == "password" ?> autocomplete="current-password"<?cs /if ?><?cs if:err ?> aria-invalid="true" aria-describedby="<?cs var:name ?>-error"<?cs /if ?>>
<?cs if:err ?><span class="error" id="<?cs var:name ?>-error"><?cs var:err ?></span><?cs /if ?></p><?cs /def ?>
