#!/usr/bin/env bash
# Installe ce qu'il faut au client Python de TomatoPlan (tests de compatibilité) : python3,
# python3-requests et python3-websocket, paquets Debian. Idempotent, silencieux s'ils sont déjà là.
# L'index des paquets Python n'est pas joignable depuis ces machines : jamais de pip.
set -euo pipefail

PYTHON=/usr/bin/python3
if [ -x "$PYTHON" ] && "$PYTHON" -c 'import requests, websocket' >/dev/null 2>&1; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1; then
  SUDO=(sudo -n)
else
  echo "ensure-python-client: python3-requests ou python3-websocket absents, et ni root ni sudo ; installez ces paquets Debian." >&2
  exit 1
fi

echo "ensure-python-client: installation de python3-requests et python3-websocket (apt-get)…"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if ! { "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q \
    && "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends python3 python3-requests python3-websocket; } >"$log" 2>&1; then
  cat "$log" >&2
  echo "ensure-python-client: échec de l'installation" >&2
  exit 1
fi

if ! "$PYTHON" -c 'import requests, websocket' >/dev/null 2>&1; then
  cat "$log" >&2
  echo "ensure-python-client: l'installation n'a pas fourni requests et websocket à $PYTHON" >&2
  exit 1
fi
echo "ensure-python-client: $("$PYTHON" -c 'import requests, websocket; print("requests", requests.__version__, "websocket", websocket.__version__)')"
