# Sourced by the scripts/ensure-*.sh scripts: one way to install Debian packages a test needs.
# apt_install NAME PACKAGE... : as root, or through `sudo -n`; the apt log only on failure. Exits 1 with
# a French message naming NAME when it cannot install.
apt_install() {
  local name="$1"
  shift
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
      echo "${name}: paquets absents ($*), et ni root ni sudo ; installez ces paquets Debian." >&2
      exit 1
    fi
    sudo=(sudo -n)
  fi
  echo "${name}: installation de $* (apt-get)…"
  local log
  log="$(mktemp)"
  if ! { "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q \
      && "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@"; } >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "${name}: échec de l'installation de $*" >&2
    exit 1
  fi
  rm -f "$log"
}
