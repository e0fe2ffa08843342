"""Drives TomatoPlan's desktop API module (api_client.py) for the integration tests.

argv[1]: the folder of the test's config.py; argv[2]: the folder of api_client.py (never copied).
Reads one JSON command per line on stdin, {"id", "call", "args", "kwargs"}, where "call" names a
function or method of the module ("api_client.get_voyages", "api_load_json", ...) and {"$date": "YYYY-MM-DD"}
stands for a datetime.date; answers {"id", "ok", "result"|"error"} on stdout. "live_start" starts the
client's WebSocket listener the client's way (live_sync.start()) and reports every message it receives
as {"event": "message", "message": ...} and every callback as {"event": <callback>, ...}.
"""

import json
import sys
import threading
import time
from datetime import date

sys.path.insert(0, sys.argv[2])
sys.path.insert(0, sys.argv[1])

import api_client  # noqa: E402  (after the path set-up)

output = threading.Lock()
# The client prints its own notices ("[WS] Connecte…"): to stderr, so stdout carries only our JSON lines.
channel = sys.stdout
sys.stdout = sys.stderr


def emit(payload):
    with output:
        channel.write(json.dumps(payload, default=str) + "\n")
        channel.flush()


def decode(value):
    if isinstance(value, dict):
        if set(value) == {"$date"}:
            return date.fromisoformat(value["$date"])
        return {key: decode(item) for key, item in value.items()}
    if isinstance(value, list):
        return [decode(item) for item in value]
    return value


def resolve(name):
    target = api_client
    for part in name.split("."):
        target = getattr(target, part)
    return target


def live_start():
    live = api_client.live_sync
    original = live._on_message

    def on_message(ws, message):
        emit({"event": "message", "message": json.loads(message), "at": time.time()})
        original(ws, message)

    # Instance attribute: the WebSocketApp the client builds takes self._on_message.
    live._on_message = on_message
    live.on_data_changed(lambda entity, action, data: emit({"event": "data_changed", "entity": entity, "action": action, "data": data}))
    live.on_user_event(lambda kind, username: emit({"event": "user_event", "kind": kind, "username": username}))
    live.on_connection_changed(lambda connected: emit({"event": "connection", "connected": connected}))
    api_client.start_live_sync()
    return True


for line in sys.stdin:
    command = json.loads(line)
    try:
        if command["call"] == "live_start":
            result = live_start()
        elif command["call"] == "live_state":
            live = api_client.live_sync
            result = {"is_connected": live.is_connected, "connected_users": live.connected_users, "count": live.connected_users_count}
        else:
            result = resolve(command["call"])(*decode(command.get("args", [])), **decode(command.get("kwargs", {})))
        emit({"id": command["id"], "ok": True, "result": result})
    except Exception as error:  # the test reads every failure
        emit({"id": command["id"], "ok": False, "error": f"{type(error).__name__}: {error}"})
