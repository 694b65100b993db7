"""Schemathesis hooks of the API fuzz run (test/fuzz/schemathesis.toml, loaded through SCHEMATHESIS_HOOKS).

Partner webhooks are signed as the partner would sign them. The configuration gives webhook operations the
stand-in signature `sign-me`; before each such request this hook sets `webhook-timestamp` to now and replaces the
stand-in with a Standard Webhooks signature (HMAC-SHA256 with the partner's `WEBHOOK_SECRET_<PARTNER>` over id,
timestamp and body) of the exact bytes it then sends, so fuzzed bodies reach validation and routing. Requests
schemathesis sends without the stand-in (no signature, a forged one, a malformed header) stay as generated and must
be refused. Schemathesis re-checks every case a hook changes, so a signed request counts as the valid one it is.
"""

import base64
import hashlib
import hmac
import json
import os
import re
import time

import schemathesis
from schemathesis.core import NotSet
from schemathesis.transport.prepare import prepare_body
from schemathesis.transport.serialization import serialize_json

STAND_IN = "sign-me"
WEBHOOK_PATH = re.compile(r"^/v1/webhooks/(?P<partner>[a-z-]+)$")


def _secret(partner: str) -> bytes:
    value = os.environ[f"WEBHOOK_SECRET_{partner.upper().replace('-', '_')}"]
    return base64.b64decode(value.removeprefix("whsec_"))


def _body_bytes(case) -> bytes:
    """The body as the JSON serializer would send it; the request then carries exactly these bytes."""
    if isinstance(case.body, NotSet):
        return b""
    serialized = serialize_json(prepare_body(case))
    return serialized["data"] if "data" in serialized else json.dumps(serialized["json"], allow_nan=False).encode()


def _sign_webhook(case, kwargs) -> None:
    match = WEBHOOK_PATH.match(case.operation.path)
    headers = case.headers if case.headers is not None else {}
    if not match or headers.get("webhook-signature") != STAND_IN:
        return
    message_id = headers.get("webhook-id")
    if not isinstance(message_id, str) or not re.fullmatch(r"[0-9]+", str(headers.get("webhook-timestamp", ""))):
        return  # A malformed header is what this request tests: leave it as generated.
    timestamp = str(int(time.time()))
    body = _body_bytes(case)
    digest = hmac.new(_secret(match["partner"]), f"{message_id}.{timestamp}.".encode() + body, hashlib.sha256)
    headers["webhook-timestamp"] = timestamp
    headers["webhook-signature"] = "v1," + base64.b64encode(digest.digest()).decode()
    case.headers = headers
    if body:
        kwargs["data"] = body


@schemathesis.hook
def before_call(context, case, kwargs):
    _sign_webhook(case, kwargs)
