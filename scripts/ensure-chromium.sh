#!/usr/bin/env bash
# Installe Chromium (paquet Debian) pour les tests e2e s'il est absent. Idempotent, silencieux s'il est déjà là.
# Les tests ne téléchargent jamais de navigateur : ils utilisent /usr/bin/chromium.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/apt-install.sh"

CHROMIUM=/usr/bin/chromium
# Its French resources (chromium-l10n): with them, `--lang=fr-FR` shows date inputs as jj/mm/aaaa.
FRENCH=/usr/lib/chromium/locales/fr.pak
if [ -x "$CHROMIUM" ] && [ -f "$FRENCH" ]; then
  exit 0
fi
apt_install ensure-chromium chromium chromium-l10n
if [ ! -x "$CHROMIUM" ]; then
  echo "ensure-chromium: l'installation n'a pas fourni $CHROMIUM" >&2
  exit 1
fi
echo "ensure-chromium: $("$CHROMIUM" --version 2>/dev/null || echo 'chromium installé')"
