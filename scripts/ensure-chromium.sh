#!/usr/bin/env bash
# Installe Chromium (paquet Debian) pour les tests e2e s'il est absent. Idempotent, silencieux s'il est déjà là.
# Les tests ne téléchargent jamais de navigateur : ils utilisent /usr/bin/chromium.
set -euo pipefail

CHROMIUM=/usr/bin/chromium
if [ -x "$CHROMIUM" ]; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1; then
  SUDO=(sudo -n)
else
  echo "ensure-chromium: $CHROMIUM absent, et ni root ni sudo ; installez le paquet Debian « chromium »." >&2
  exit 1
fi

echo "ensure-chromium: installation de chromium (apt-get)…"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if ! { "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q \
    && "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium; } >"$log" 2>&1; then
  cat "$log" >&2
  echo "ensure-chromium: échec de l'installation de chromium" >&2
  exit 1
fi

if [ ! -x "$CHROMIUM" ]; then
  cat "$log" >&2
  echo "ensure-chromium: l'installation n'a pas fourni $CHROMIUM" >&2
  exit 1
fi
echo "ensure-chromium: $("$CHROMIUM" --version 2>/dev/null || echo 'chromium installé')"
