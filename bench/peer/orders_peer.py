"""orders_peer.py: GET /api/v1/orders/{id} in FastAPI + asyncpg, the peer
Bursar's order read is measured against (bench/orders.sh).  Not part of
Bursar.  To be fair it does per request what Bursar does:

- the caller: the HS256 access token of POST /api/v1/auth/token, checked as
  lib/auth.c checks it (no database round trip): the signature with the
  stack's secret, the header byte for byte, typ "access", sub and tid
  UUIDs, role and perms strings, exp an integer in the future; then the
  route's permission (sales.read) as auth_can does;
- the tenant: as lib/db.c's read mode does for a GET, the connection's
  session is scoped to the token's tenant and made read-only with
  set_config (one prelude, sent only when the connection's last scope was
  another tenant's), and row-level security does the rest as the app role
  bursar_app;
- the answer: one SQL query that builds the same JSON as Bursar's order
  (jq -S compares the two once in bench/orders.sh).

Run: BURSAR_CONFIG=var/bench/bursar.conf /usr/bin/uvicorn --app-dir bench/peer
orders_peer:app --workers 2 --loop uvloop --http httptools --port 18090
"""
import base64
import hashlib
import hmac
import json
import os
import re
import time

import asyncpg
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response


def read_config(path):
    cfg = {}
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#") and "=" in line:
                k, v = line.split("=", 1)
                cfg[k.strip()] = v.strip()
    return cfg


CFG = read_config(os.environ.get("BURSAR_CONFIG", "var/bench/bursar.conf"))
SECRET = CFG["secret"].encode()
# libpq's "key=value ..." conninfo as asyncpg's keywords
CONN = dict(kv.split("=", 1) for kv in CFG["database_url"].split())
POOL_SIZE = int(os.environ.get("PEER_POOL", "8"))

UUID_RE = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
                     r"[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


def b64url(raw):
    return base64.urlsafe_b64encode(raw).rstrip(b"=")


def b64url_decode(text):
    return base64.urlsafe_b64decode(text + b"=" * (-len(text) % 4))


JWT_HEADER = b64url(b'{"alg":"HS256","typ":"JWT"}')


def error(status, code, message, bearer=False):
    headers = {"WWW-Authenticate": 'Bearer error="invalid_token"'} if bearer else None
    return JSONResponse({"error": {"code": code, "message": message}},
                        status_code=status, headers=headers)


def caller(request):
    """The token's claims (a dict), or an error response."""
    authz = request.headers.get("authorization")
    if authz is None:
        return error(401, "unauthenticated", "sign in first")
    if not authz.startswith("Bearer "):
        return error(401, "unauthenticated", "use Authorization: Bearer <token>", True)
    token = authz[7:].encode()
    dot1, dot2 = token.find(b"."), token.rfind(b".")
    if dot1 < 0 or dot1 == dot2:
        return error(401, "unauthenticated", "malformed access token", True)
    mac = hmac.new(SECRET, token[:dot2], hashlib.sha256).digest()
    try:
        given = b64url_decode(token[dot2 + 1:])
    except ValueError:
        given = b""
    if not hmac.compare_digest(given, mac):
        return error(401, "unauthenticated", "the access token's signature is not valid", True)
    if token[:dot1] != JWT_HEADER:
        return error(401, "unauthenticated", "unsupported access token", True)
    try:
        claims = json.loads(b64url_decode(token[dot1 + 1:dot2]))
    except ValueError:
        claims = None
    ok = (isinstance(claims, dict) and claims.get("typ") == "access"
          and isinstance(claims.get("sub"), str) and UUID_RE.match(claims["sub"])
          and isinstance(claims.get("tid"), str) and UUID_RE.match(claims["tid"])
          and isinstance(claims.get("role"), str) and isinstance(claims.get("perms"), str)
          and isinstance(claims.get("exp"), int) and not isinstance(claims.get("exp"), bool))
    if not ok:
        return error(401, "unauthenticated", "malformed access token", True)
    if claims["exp"] <= int(time.time()):
        return error(401, "unauthenticated", "the access token has expired", True)
    return claims


def can(claims, permission):
    """auth_can: the permission between commas in the token's list."""
    perms, n = claims["perms"], len(permission)
    i = perms.find(permission)
    while i >= 0:
        if i > 0 and perms[i - 1] == "," and perms[i + n:i + n + 1] == ",":
            return True
        i = perms.find(permission, i + n)
    return False


# the read's prelude, as lib/db.c's read_scope_sql
SCOPE_SQL = ("SELECT set_config('bursar.tenant_id', $1, false), "
             "set_config('default_transaction_read_only', 'on', false), "
             "set_config('transaction_read_only', 'on', true)")

# the order as Bursar reads it: the JSON kept with the order
# (sql/0015_order_doc.sql), its status, and its customer's name and code
ORDER_SQL = """
SELECT coalesce(o.doc, order_doc(o.id, false))::text, o.status, p.name, p.code
FROM orders o
JOIN parties p ON p.tenant_id = o.tenant_id AND p.id = o.party_id
WHERE o.id = $1::uuid
"""


def order_body(row, write):
    """The stored object closed again after the customer and what the
    caller may do, as cgi-bin/orders.c's order_text does."""
    doc, status, name, code = row
    draft, placed = status == "draft", status == "placed"
    can = {"edit": write and draft, "place": write and draft,
           "ship": write and placed, "complete": write and status == "shipped",
           "cancel": write and (draft or placed)}
    return (doc[:-1] + ', "customer" : ' + json.dumps(name, ensure_ascii=False)
            + ', "customer_code" : ' + json.dumps(code, ensure_ascii=False)
            + ', "can" : ' + json.dumps(can) + "}")


class ScopedConnection(asyncpg.Connection):
    """A connection that remembers the scope its session holds (as
    lib/db.c's sess_tenant) and that the pool gives back as it is: no RESET
    ALL round trip on release (the scope is re-checked on every use)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.scope = None

    def _get_reset_query(self):
        return ""


app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)
pool = None


@app.on_event("startup")
async def startup():
    global pool
    pool = await asyncpg.create_pool(
        host=CONN.get("host"), port=int(CONN.get("port", 5432)),
        database=CONN.get("dbname"), user=CONN.get("user"),
        password=CONN.get("password"), min_size=POOL_SIZE, max_size=POOL_SIZE,
        connection_class=ScopedConnection)


@app.on_event("shutdown")
async def shutdown():
    await pool.close()


@app.get("/api/v1/orders/{order_id}")
async def order(order_id: str, request: Request):
    claims = caller(request)
    if not isinstance(claims, dict):
        return claims
    if not can(claims, "sales.read"):
        return error(403, "forbidden", "this needs the sales.read permission")
    if not UUID_RE.match(order_id):
        return error(404, "not_found", "no such order")
    write = can(claims, "sales.write")
    async with pool.acquire() as conn:
        raw = conn._con
        try:
            if raw.scope != claims["tid"]:
                raw.scope = None
                await conn.fetchval(SCOPE_SQL, claims["tid"])
                raw.scope = claims["tid"]
            row = await conn.fetchrow(ORDER_SQL, order_id)
        except Exception:
            raw.scope = None  # a failed statement reverts the session's scope
            return error(503, "unavailable", "the database is unavailable")
    if row is None:
        return error(404, "not_found", "no such order")
    return Response(order_body(row, write), media_type="application/json")
