#!/usr/bin/env bash
# Installs (or upgrades) a built Relais from this checkout into a prefix on a Debian/Ubuntu server.
# Layout of the prefix:
#   app/sync-server/   the server bundle (dist/), its migrations (drizzle/) and its production
#                      node_modules (better-sqlite3 built for this Node), from `pnpm deploy --prod`
#   app/web/dist/      the PWA
#   bin/relais         the `relais` command of this installation (reads .env from the prefix)
#   data/ backups/ logs/ (0700), .env (0600): created once, never replaced
# Re-running replaces app/ and bin/ only. Messages are French: they are read by the person installing.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly repo
readonly service_user=relais
readonly unit_path=/etc/systemd/system/relais.service

usage() {
  cat <<'EOF'
Usage : scripts/install.sh --prefix DOSSIER [--port 8000] [--admin ADMIN] [--systemd] [--build]

Installe Relais (serveur de synchronisation et PWA) depuis ce dépôt dans DOSSIER, pour Debian ou
Ubuntu ; relancé, il met l'application à jour et garde les données et la configuration.

  --prefix DOSSIER   dossier d'installation (ex. /opt/relais), créé s'il manque
  --port PORT        port HTTP(S) écrit dans la configuration (8000 par défaut)
  --admin NOM        administrateur créé au premier démarrage (ADMIN par défaut)
  --systemd          (root) crée l'utilisateur système « relais », installe le service
                     /etc/systemd/system/relais.service et le démarre
  --print-unit       affiche le service systemd qui serait installé, sans rien modifier
  --build            reconstruit (pnpm build) avant d'installer ; sans cette option, la
                     construction existante est utilisée, et faite seulement si elle manque
  -h, --help         cette aide

Dans DOSSIER : app/ (l'application, remplacée à chaque mise à jour), bin/relais (la commande),
data/ (la base), backups/, logs/ et .env (la configuration, écrite une seule fois, jamais remplacée).
Le port et l'administrateur ne servent qu'à la première installation : ensuite, modifiez .env.
Prérequis : Node 20.10 ou plus, pnpm, et « pnpm install » fait dans ce dépôt.
EOF
}

fail() {
  echo "install.sh : $*" >&2
  exit 1
}

usage_error() {
  printf 'install.sh : %s\n\n' "$*" >&2
  usage >&2
  exit 2
}

step() {
  echo "==> $*"
}

prefix=''
port=8000
admin=ADMIN
systemd=false
print_unit=false
build=false

while [[ $# -gt 0 ]]; do
  case "$1" in
    --prefix | --port | --admin)
      [[ $# -ge 2 && -n "$2" ]] || usage_error "$1 attend une valeur"
      case "$1" in
        --prefix) prefix="$2" ;;
        --port) port="$2" ;;
        --admin) admin="$2" ;;
      esac
      shift 2
      ;;
    --prefix=*) prefix="${1#*=}"; shift ;;
    --port=*) port="${1#*=}"; shift ;;
    --admin=*) admin="${1#*=}"; shift ;;
    --systemd) systemd=true; shift ;;
    --print-unit) print_unit=true; shift ;;
    --build) build=true; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage_error "option inconnue : $1" ;;
  esac
done

[[ -n "$prefix" ]] || usage_error "--prefix est obligatoire"
if ! [[ "$port" =~ ^[0-9]{1,5}$ ]] || ((10#$port < 1 || 10#$port > 65535)); then
  usage_error "port invalide : « $port » (1 à 65535)"
fi
port=$((10#$port))
# The name goes unquoted into .env: letters, digits and . _ @ - only (what a Windows login uses).
[[ "$admin" =~ ^[A-Za-z0-9._@-]{1,100}$ ]] || usage_error "nom d'administrateur invalide : « $admin » (lettres, chiffres, . _ @ -)"

prefix="$(realpath -m -- "$prefix")"
# Written unquoted into the unit, the wrapper and .env: keep to characters none of them reads specially.
[[ "$prefix" =~ ^/[A-Za-z0-9._/+-]+$ ]] || fail "dossier d'installation refusé : « $prefix » (lettres, chiffres et . _ / + - seulement, sans espace)"
[[ "$prefix" != / ]] || fail "le dossier d'installation ne peut pas être /"
case "$prefix/" in
  "$repo"/*) fail "le dossier d'installation doit être hors du dépôt ($repo)" ;;
esac
if $systemd || $print_unit; then
  # ProtectHome= and PrivateTmp= would hide the installation from the service itself.
  case "$prefix/" in
    /home/* | /root/* | /run/user/* | /tmp/* | /var/tmp/*)
      fail "avec systemd, installez hors de /home, /root, /tmp et /var/tmp (ex. /opt/relais) : le service ne les voit pas" ;;
  esac
fi

node_bin="$(command -v node || true)"
[[ -n "$node_bin" ]] || fail "Node.js est introuvable : installez Node 20.10 ou plus (ex. paquet nodejs de NodeSource)"
node_bin="$(realpath -- "$node_bin")"
"$node_bin" -e 'const [major, minor] = process.versions.node.split(".").map(Number); process.exit(major > 20 || (major === 20 && minor >= 10) ? 0 : 1)' ||
  fail "Node $("$node_bin" --version) est trop ancien : il faut Node 20.10 ou plus"

# The port the server will listen on: the installation's .env wins over --port (it is never replaced).
listening_port() {
  local configured=''
  if [[ -r "$prefix/.env" ]]; then
    configured="$(sed -n 's/^RELAIS_PORT=\([0-9][0-9]*\)[[:space:]]*$/\1/p' "$prefix/.env" | tail -n 1)"
  fi
  echo "${configured:-$port}"
}

# The systemd unit; its hardening is explained beside the options that need it.
unit_file() {
  local capabilities='CapabilityBoundingSet='
  if (($(listening_port) < 1024)); then
    capabilities='# Port inférieur à 1024 : seul droit gardé, celui de l'\''ouvrir.
AmbientCapabilities=CAP_NET_BIND_SERVICE
CapabilityBoundingSet=CAP_NET_BIND_SERVICE'
  fi
  cat <<EOF
# Relais — serveur de synchronisation et PWA. Écrit par scripts/install.sh ; relancer le script le
# réécrit. Configuration : $prefix/.env (lue par le serveur depuis son dossier de travail).
[Unit]
Description=Relais (serveur de synchronisation et PWA)
After=network-online.target
Wants=network-online.target

[Service]
Type=simple
User=$service_user
Group=$service_user
WorkingDirectory=$prefix
ExecStart=$node_bin $prefix/app/sync-server/dist/cli.js serve
Restart=on-failure
RestartSec=5
TimeoutStopSec=30
UMask=0077

# Durcissement : le serveur n'écrit que dans data, backups et logs.
NoNewPrivileges=yes
ProtectSystem=strict
ReadWritePaths=$prefix/data $prefix/backups $prefix/logs
ProtectHome=yes
PrivateTmp=yes
PrivateDevices=yes
ProtectKernelTunables=yes
ProtectKernelModules=yes
ProtectKernelLogs=yes
ProtectControlGroups=yes
ProtectClock=yes
ProtectHostname=yes
ProtectProc=invisible
RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6
RestrictNamespaces=yes
RestrictRealtime=yes
RestrictSUIDSGID=yes
LockPersonality=yes
SystemCallArchitectures=native
$capabilities
# Pas de MemoryDenyWriteExecute : le compilateur JIT de Node (V8) écrit puis exécute du code en
# mémoire ; avec cette option, Node s'arrête dès le démarrage.

[Install]
WantedBy=multi-user.target
EOF
}

if $print_unit; then
  unit_file
  exit 0
fi

if $systemd && [[ "$EUID" -ne 0 ]]; then
  fail "--systemd demande les droits root : relancez avec sudo"
fi

# --- The build ----------------------------------------------------------------------------------
command -v pnpm >/dev/null || fail "pnpm est introuvable : npm install -g pnpm@12.4.2"
[[ -d "$repo/node_modules" ]] || fail "dépendances absentes : lancez « pnpm install --frozen-lockfile » dans $repo"
# better-sqlite3 is rebuilt from source when no build for this Node is cached: node-gyp needs the
# headers of this Node, which come with it (as the README's install command sets).
if [[ -z "${npm_config_nodedir:-}" && -f "$(dirname "$(dirname "$node_bin")")/include/node/node.h" ]]; then
  npm_config_nodedir="$(dirname "$(dirname "$node_bin")")"
  export npm_config_nodedir
fi

server_bundle="$repo/sync-server/dist/cli.js"
pwa_index="$repo/web/dist/index.html"
if $build || [[ ! -f "$server_bundle" || ! -f "$pwa_index" ]]; then
  step "construction (pnpm build)"
  (cd "$repo" && pnpm build)
else
  step "construction existante utilisée (sync-server/dist et web/dist ; --build pour la refaire)"
  # The bundle holds sync-server and packages; the PWA, web and packages. Tests are in neither.
  newer="$(
    find "$repo/sync-server/src" "$repo/packages" -path '*/node_modules' -prune -o -type f ! -name '*.test.*' -newer "$server_bundle" -print -quit
    find "$repo/web/src" "$repo/packages" -path '*/node_modules' -prune -o -type f ! -name '*.test.*' -newer "$pwa_index" -print -quit
  )"
  newer="${newer%%$'\n'*}"
  if [[ -n "$newer" ]]; then
    echo "    attention : des sources sont plus récentes que la construction (ex. ${newer#"$repo"/}) ; relancez avec --build pour les inclure" >&2
  fi
fi

# --- The application: assembled beside the old one, checked, then swapped in --------------------
mkdir -p "$prefix"
chmod 0755 "$prefix"
staging="$prefix/app.new"
rm -rf "$staging" "$prefix/app.old"
mkdir -p "$staging/web"
step "application : serveur et dépendances de production (pnpm deploy)"
# --prefer-offline: the packages already in pnpm's store (after `pnpm install`) are used as they are.
# Under sudo, root's own pnpm store is empty: use the store this checkout was installed from.
store_dir="$(sed -n 's/^[[:space:]]*"\{0,1\}storeDir"\{0,1\}:[[:space:]]*"\{0,1\}\([^",]*\)"\{0,1\},\{0,1\}[[:space:]]*$/\1/p' "$repo/node_modules/.modules.yaml" 2>/dev/null | head -n 1)"
store_args=()
if [[ -n "$store_dir" && -d "$store_dir" ]]; then
  store_args=(--store-dir "$store_dir")
fi
(cd "$repo" && pnpm --filter @relais/sync-server deploy --prod --prefer-offline "${store_args[@]}" "$staging/sync-server")
cp -R "$repo/web/dist" "$staging/web/dist"
cp "$repo/.env.example" "$staging/.env.example"
# Readable by the service's user whatever the umask; only what is not yet readable is touched, as
# the packages are hard links into pnpm's store.
find "$staging" \( \( -type d ! -perm -o+rx \) -o \( -type f ! -perm -o+r \) \) -exec chmod go+rX {} +

step "vérification : le module SQLite et le serveur se chargent avec Node $("$node_bin" --version)"
(cd "$staging/sync-server" && "$node_bin" -e "new (require('better-sqlite3'))(':memory:').close()") ||
  fail "better-sqlite3 ne se charge pas avec ce Node ; relancez après « pnpm install --frozen-lockfile » (installation laissée dans $staging)"
"$node_bin" "$staging/sync-server/dist/cli.js" --help >/dev/null ||
  fail "le serveur installé ne se charge pas (installation laissée dans $staging)"

if [[ -d "$prefix/app" ]]; then
  mv "$prefix/app" "$prefix/app.old"
fi
mv "$staging" "$prefix/app"
rm -rf "$prefix/app.old"

# --- The command ----------------------------------------------------------------------------------
mkdir -p "$prefix/bin"
chmod 0755 "$prefix/bin"
cat >"$prefix/bin/relais.new" <<EOF
#!/bin/sh
# La commande relais de l'installation $prefix (écrite par scripts/install.sh à chaque mise à jour).
# Elle travaille dans $prefix pour lire sa configuration .env, comme le service : donnez des chemins
# absolus aux fichiers (relais import …).
set -e
cd $prefix
owner="\$(stat -c %U $prefix/data)"
# Lancée par root, elle passe par le propriétaire des données : une base créée par root serait
# ensuite illisible pour le service.
if [ "\$(id -u)" -eq 0 ] && [ "\$owner" != root ]; then
  exec runuser -u "\$owner" -- $node_bin $prefix/app/sync-server/dist/cli.js "\$@"
fi
if [ ! -r .env ]; then
  echo "relais : $prefix/.env est illisible pour \$(id -un) : lancez la commande avec sudo" >&2
  exit 1
fi
exec $node_bin $prefix/app/sync-server/dist/cli.js "\$@"
EOF
chmod 0755 "$prefix/bin/relais.new"
mv "$prefix/bin/relais.new" "$prefix/bin/relais"

# --- Data, backups, logs: created once, kept private -------------------------------------------
for folder in data backups logs; do
  mkdir -p "$prefix/$folder"
  chmod 0700 "$prefix/$folder"
done

# --- Configuration: written once from .env.example, never replaced --------------------------------
env_file="$prefix/.env"
if [[ -e "$env_file" ]]; then
  step "configuration existante gardée telle quelle : $env_file"
  if ! grep -qx "RELAIS_PORT=$port" "$env_file"; then
    echo "    (le port $port demandé n'y figure pas : modifiez RELAIS_PORT dans ce fichier si besoin)"
  fi
else
  step "configuration : $env_file"
  values="RELAIS_PORT=$port
RELAIS_DATABASE_PATH=$prefix/data/relais.db
RELAIS_LOG_FILE=$prefix/logs/server.log
RELAIS_BACKUP_DIR=$prefix/backups
RELAIS_DEFAULT_ADMIN_USERNAME=$admin
RELAIS_WEB_DIST=$prefix/app/web/dist"
  # The server refuses any RELAIS_* key it does not know: a key this version lacks stays commented.
  known=''
  while IFS='=' read -r key _; do
    if grep -q "$key" "$prefix/app/sync-server/dist/cli.js"; then
      known+="$key "
    fi
  done <<<"$values"
  (
    umask 077
    {
      echo "# Relais — configuration de l'installation $prefix, écrite par scripts/install.sh le $(date '+%d/%m/%Y')."
      echo "# Le script ne la remplace jamais : modifiez-la ici, puis redémarrez le serveur."
      echo "# Toute clé RELAIS_* inconnue ou invalide arrête le démarrage avec un message qui la nomme."
      # .env.example documents every key: its lines, with this installation's values set.
      awk -v values="$values" -v known="$known" '
        BEGIN {
          n = split(values, lines, "\n")
          for (i = 1; i <= n; i++) { key = substr(lines[i], 1, index(lines[i], "=") - 1); value[key] = lines[i]; order[i] = key }
          split(known, list, " "); for (i in list) { isKnown[list[i]] = 1 }
        }
        function emit(key) {
          print (isKnown[key] ? "" : "# (clé inconnue de cette version du serveur) ") value[key]
          done[key] = 1
        }
        header && /^$/ { header = 0 }
        NR == 1 { header = 1 }
        header { next }
        match($0, /^(# ?)?RELAIS_[A-Z0-9_]+=/) {
          key = $0; sub(/^(# ?)?/, "", key); key = substr(key, 1, index(key, "=") - 1)
          if (key in value) { if (!(key in done)) { emit(key) } ; next }
        }
        { print }
        END {
          for (i = 1; i <= n; i++) {
            if (!(order[i] in done)) {
              if (order[i] == "RELAIS_BACKUP_DIR") { print "# Dossier des sauvegardes (relais backup …)" }
              emit(order[i])
            }
          }
        }
      ' "$repo/.env.example"
    } >"$env_file.new"
    mv "$env_file.new" "$env_file"
  )
fi
chmod 0600 "$env_file"

# --- systemd ------------------------------------------------------------------------------------
if $systemd; then
  if ! id -u "$service_user" >/dev/null 2>&1; then
    step "utilisateur système $service_user (sans shell de connexion, dossier $prefix)"
    useradd --system --user-group --home-dir "$prefix" --no-create-home --shell /usr/sbin/nologin --comment 'Relais' "$service_user"
  fi
  chown -R "$service_user:$service_user" "$prefix/data" "$prefix/backups" "$prefix/logs"
  chown "$service_user:$service_user" "$env_file"
  step "service systemd : $unit_path"
  unit_file >"$unit_path.new"
  chmod 0644 "$unit_path.new"
  mv "$unit_path.new" "$unit_path"
  if [[ -d /run/systemd/system ]]; then
    systemctl daemon-reload
    systemctl enable relais.service
    # Restart, not start: a re-run (upgrade) must load the new application.
    systemctl restart relais.service
    step "service relais démarré (état : systemctl status relais ; journal : journalctl -u relais)"
  else
    echo "    systemd ne tourne pas sur cette machine ; quand il tournera :"
    echo "      systemctl daemon-reload && systemctl enable --now relais"
  fi
fi

echo
echo "Relais est installé dans $prefix (depuis $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo 'ce dépôt'))."
if $systemd; then
  echo "  Au premier démarrage, le mot de passe provisoire de l'administrateur s'affiche une seule fois"
  echo "  dans le journal du service : journalctl -u relais | grep 'mot de passe provisoire'"
  echo "  Commandes : sudo $prefix/bin/relais --help"
else
  echo "  Démarrer : $prefix/bin/relais serve"
  echo "  (au premier démarrage, le mot de passe provisoire de l'administrateur s'affiche une seule fois)"
  echo "  Un serveur déjà lancé depuis ce dossier doit être redémarré pour passer à la nouvelle version."
  echo "  Commandes : $prefix/bin/relais --help"
fi
