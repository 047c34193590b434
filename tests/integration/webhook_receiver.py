#!/usr/bin/python3
"""webhook_receiver.py PORT LOG: a webhook receiver on 127.0.0.1:PORT (0: any free port, written to LOG.port)
that answers by script and appends one JSON line per request to LOG
(time, path, headers, body, what it answered).  The path is the script:

  /ok/...           200
  /gone/...         410 Gone
  /down/...         503, always
  /flaky/N/...      500 to the first N requests of each webhook-id, then 200
  /slow/S/...       waits S seconds, then 200 (past a timeout: the sender gives up)
  /redirect/...     302 to /ok (never followed)

Started and stopped by the integration tests (tests/integration/webhooks.c).
"""
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT, LOG = int(sys.argv[1]), sys.argv[2]
lock = threading.Lock()
seen = {}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_POST(self):
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n).decode("utf-8", "replace")
        parts = [p for p in self.path.split("/") if p]
        kind = parts[0] if parts else "ok"
        mid = self.headers.get("webhook-id", "")
        with lock:
            seen[(self.path, mid)] = seen.get((self.path, mid), 0) + 1
            hits = seen[(self.path, mid)]
        status, extra = 200, {}
        if kind == "gone":
            status = 410
        elif kind == "down":
            status = 503
        elif kind == "flaky":
            status = 500 if hits <= int(parts[1]) else 200
        elif kind == "slow":
            time.sleep(float(parts[1]))
        elif kind == "redirect":
            status, extra = 302, {"Location": "/ok"}
        entry = {"t": time.time(), "path": self.path, "status": status,
                 "headers": {k.lower(): v for k, v in self.headers.items()},
                 "body": body}
        with lock, open(LOG, "a") as f:
            f.write(json.dumps(entry) + "\n")
        reply = b'{"received":true}'
        try:
            self.send_response(status)
            for k, v in extra.items():
                self.send_header(k, v)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)
        except (BrokenPipeError, ConnectionResetError):
            pass


ThreadingHTTPServer.daemon_threads = True
ThreadingHTTPServer.request_queue_size = 256
server = ThreadingHTTPServer(("127.0.0.1", PORT), Handler)
with open(LOG + ".port.tmp", "w") as f:
    f.write(str(server.server_address[1]))
import os
os.rename(LOG + ".port.tmp", LOG + ".port")
server.serve_forever()
