<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><?cs var:Page.title ?> · Bursar</title>
<link rel="stylesheet" href="/static/bursar.css">
</head>
<body>
<?cs include:"partials/header.cs" ?>
<main>
<?cs include:"partials/flash.cs" ?>
<?cs include:Page.template ?>
</main>
<?cs include:"partials/footer.cs" ?>
</body>
</html>
