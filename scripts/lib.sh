# Shared by scripts/start and scripts/test: make a fresh machine ready (Debian packages, npm
# packages, a build). Everything else (Kafka jars, the registry) installs itself on first start.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# Debian packages: xmllint (libxml2-utils) for checking messages as an operator would, curl for
# readiness checks, a Java 17 runtime for Kafka and Maven to resolve its jars. With `tests`, also
# OpenSSH's sshd and ssh-keygen: the SFTP tests start their own sshd on a free loopback port.
ensure_debian_packages() {
  local missing=()
  command -v xmllint >/dev/null || missing+=(libxml2-utils)
  command -v curl >/dev/null || missing+=(curl)
  command -v java >/dev/null || missing+=(openjdk-17-jre-headless)
  command -v mvn >/dev/null || missing+=(maven)
  if [[ ${1:-} == tests ]]; then
    command -v ssh-keygen >/dev/null || missing+=(openssh-client)
    [[ -x /usr/sbin/sshd ]] || missing+=(openssh-server)
  fi
  [[ ${#missing[@]} -eq 0 ]] && return
  say "installing Debian packages: ${missing[*]}"
  local sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

ensure_node_packages() {
  command -v node >/dev/null || { echo "Node.js 20.19 or newer is needed: https://nodejs.org" >&2; exit 1; }
  if [[ ! -d node_modules || package-lock.json -nt node_modules/.package-lock.json ]]; then
    say "installing npm packages"
    npm ci --no-audit --no-fund
  fi
}

build() {
  say "building"
  npx turbo run build --output-logs=errors-only
}

# The official XBau Schematron rules are compiled to XSLT once per machine (about a minute), so
# that neither a service's start nor a test waits for it. Needs the build.
prepare_schematron() {
  local schemas="${XOEV_SCHEMA_DIR:-$(cd "$ROOT/.." && pwd)/shared/xoev}"
  say "preparing the Schematron rules"
  bash services/lib/xoev/scripts/prepare-schematron.sh --compile "$schemas/xbau-2.6/sch/xbau-schematron.sch"
}
