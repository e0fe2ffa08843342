#!/usr/bin/env bash
# Installe Saxon-HE et xmllint (paquets Debian) pour valider les factures électroniques s'ils sont absents.
# Idempotent, silencieux s'ils sont déjà là.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/apt-install.sh"

SAXON=/usr/share/java/Saxon-HE.jar
if [ -f "$SAXON" ] && command -v xmllint >/dev/null 2>&1; then
  exit 0
fi
apt_install ensure-einvoicing-validators libsaxonhe-java libxml2-utils
if [ ! -f "$SAXON" ] || ! command -v xmllint >/dev/null 2>&1; then
  echo "ensure-einvoicing-validators: l'installation n'a pas fourni $SAXON et xmllint" >&2
  exit 1
fi
