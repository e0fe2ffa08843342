#!/usr/bin/env bash
# Installe ce qu'il faut au client Python de TomatoPlan (tests de compatibilité) : python3,
# python3-requests et python3-websocket, paquets Debian. Idempotent, silencieux s'ils sont déjà là.
# L'index des paquets Python n'est pas joignable depuis ces machines : jamais de pip.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/apt-install.sh"

PYTHON=/usr/bin/python3
if [ -x "$PYTHON" ] && "$PYTHON" -c 'import requests, websocket' >/dev/null 2>&1; then
  exit 0
fi
apt_install ensure-python-client python3 python3-requests python3-websocket
if ! "$PYTHON" -c 'import requests, websocket' >/dev/null 2>&1; then
  echo "ensure-python-client: l'installation n'a pas fourni requests et websocket à $PYTHON" >&2
  exit 1
fi
echo "ensure-python-client: $("$PYTHON" -c 'import requests, websocket; print("requests", requests.__version__, "websocket", websocket.__version__)')"
