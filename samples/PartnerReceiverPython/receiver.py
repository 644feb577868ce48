"""A partner's receiver for the Submissions API's webhooks, in Python with the standard library only: copy it and put
your own storage behind `seen` and `handle`. It verifies every request as Standard Webhooks defines (HMAC-SHA256 with
the whsec_ secret over "{webhook-id}.{webhook-timestamp}.{body}", any of the space-separated "v1," signatures, a
constant-time comparison, five minutes' tolerance), acknowledges a webhook-id it has already processed (the sender
retries with the same id for about a day), and only then looks at the body's type.

    RECEIVER_SIGNING_SECRET=whsec_... python3 receiver.py     # listens on 127.0.0.1:5091 (PORT to change it)
"""

import base64
import hashlib
import hmac
import json
import os
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TOLERANCE_SECONDS = 5 * 60
MAX_BODY_BYTES = 64 * 1024
KEEP_IDS_SECONDS = 8 * 24 * 60 * 60  # longer than the sender retries one id
SECRET_PREFIX = "whsec_"


def verify(secret, webhook_id, timestamp, signatures, body, now=None):
    """Whether `body` (bytes, exactly as received) was signed with `secret` for these header values."""
    if not webhook_id or not timestamp or not signatures:
        return False
    try:
        sent_at = int(timestamp)
        key = base64.b64decode(secret[len(SECRET_PREFIX):] if secret.startswith(SECRET_PREFIX) else secret, validate=True)
    except ValueError:
        return False
    now = int(time.time()) if now is None else now
    if abs(now - sent_at) > TOLERANCE_SECONDS:
        return False
    signed = webhook_id.encode() + b"." + timestamp.encode() + b"." + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest())
    matched = False
    for entry in signatures.split(" "):
        version, _, value = entry.partition(",")
        # Every entry is compared, so the time taken does not tell which one matched.
        if version == "v1" and hmac.compare_digest(value.encode(), expected):
            matched = True
    return matched


def forget_old(seen):
    """Drops ids older than the sender's retries (dicts keep insertion order: the oldest come first)."""
    cutoff = time.time() - KEEP_IDS_SECONDS
    for webhook_id in [key for key, at in seen.items() if at < cutoff]:
        del seen[webhook_id]


def make_handler(secret, seen=None, handle=lambda event: None):
    """The request handler class. `seen` remembers processed webhook-ids (keep them at least a week, with the leads)."""
    seen = {} if seen is None else seen
    in_flight = set()
    lock = threading.Lock()

    class Receiver(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive: every answer says its length
        timeout = 10  # a client sending its body slowly cannot hold a thread

        def do_POST(self):
            try:
                length = int(self.headers.get("Content-Length", ""))
            except ValueError:
                self.close_connection = True
                return self._answer(411)
            if not 0 <= length <= MAX_BODY_BYTES:
                self.close_connection = True  # the body is left unread
                return self._answer(413)
            body = self.rfile.read(length)
            webhook_id = self.headers.get("webhook-id")
            if len(body) != length or not verify(secret, webhook_id, self.headers.get("webhook-timestamp"), self.headers.get("webhook-signature"), body):
                return self._answer(401)
            try:
                event = json.loads(body)
            except ValueError:
                return self._answer(400)
            with lock:
                forget_old(seen)
                if webhook_id in seen:
                    return self._answer(200)  # a replay: acknowledged, not processed again
                if webhook_id in in_flight:
                    return self._answer(503)  # the same id being processed now: a 5xx, so the sender retries later
                in_flight.add(webhook_id)
            try:
                if isinstance(event, dict) and event.get("type") in ("lead.created", "consent.withdrawn", "subject.erased"):
                    handle(event)  # webhook.test and types added later are acknowledged only
                with lock:
                    seen[webhook_id] = time.time()
            except Exception:  # your storage failing: a 5xx, so the sender retries later
                return self._answer(500)
            finally:
                with lock:
                    in_flight.discard(webhook_id)
            return self._answer(204)

        def _answer(self, status):
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format, *args):  # no request lines (they hold nothing personal, but keep logs quiet)
            pass

    return Receiver


if __name__ == "__main__":
    configured = os.environ.get("RECEIVER_SIGNING_SECRET")
    if not configured:
        raise SystemExit("Set RECEIVER_SIGNING_SECRET to the whsec_ secret agreed with the sender.")
    port = int(os.environ.get("PORT", "5091"))
    server = ThreadingHTTPServer(("127.0.0.1", port), make_handler(configured, handle=lambda event: print("received", event["type"])))
    print(f"listening on http://127.0.0.1:{port}/")
    server.serve_forever()
