<header class="top"><a class="brand" href="/">Bursar</a>
<nav><a href="/app/login">Sign in</a></nav></header>
