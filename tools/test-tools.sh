#!/usr/bin/env bash
# Installs the outside tools FinFlow's integration tests use, when they are missing, so that the README's
# test command (./mvnw -B verify) passes on a fresh machine. Maven runs it in the pre-integration-test
# phase of every module (see the parent POM); it is skipped with -DskipTests, -DskipITs or
# -Dmaven.test.skip=true, and does nothing when everything is present.
#
#   Debian packages (one apt-get update, --no-install-recommends): DEBIAN_PACKAGES below
#   npm fixture:     interop/kafkajs (npm ci, versions pinned by its package-lock.json)
#
# Without root (and without password-less sudo) a missing package is a clear failure that names the
# package and the line that installs it; tests never skip because a tool is missing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# command -> Debian package providing it. Add a tool here, in one place, when a test starts using one.
declare -A DEBIAN_PACKAGES=(
  [kcat]=kcat                       # an independent Kafka client (DevCommandIT, interop tests)
  [prometheus]=prometheus           # a real Prometheus scraping the broker, lag exporter and services (MonitoringStackIT)
  [promtool]=prometheus             # promtool test rules: deploy/prometheus/alerts.test.yml (AlertRulesIT)
  [docker-compose]=docker-compose   # docker-compose config validates deploy/docker-compose.yml without an engine
)
NPM_FIXTURES=(interop/kafkajs)

fail() {
  echo "test-tools: $*" >&2
  exit 1
}

missing=()
for cmd in "${!DEBIAN_PACKAGES[@]}"; do
  command -v "$cmd" >/dev/null 2>&1 || missing+=("${DEBIAN_PACKAGES[$cmd]}")
done
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
if ((${#missing[@]})); then
  mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)   # one package may provide several commands
fi

if ((${#missing[@]})); then
  install_line="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
  if ! command -v apt-get >/dev/null 2>&1; then
    fail "the tests need ${missing[*]}, and this machine has no apt-get: install them with your package manager"
  fi
  if [[ "$(id -u)" == 0 ]]; then
    sudo=()
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo=(sudo -n)
  else
    fail "the tests need ${missing[*]}; run as root or install them first: sudo $install_line"
  fi
  echo "test-tools: installing ${missing[*]} (Debian packages)"
  export DEBIAN_FRONTEND=noninteractive
  if ! { "${sudo[@]}" apt-get update -qq && \
         "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; }; then
    fail "could not install ${missing[*]}; try by hand: $install_line"
  fi
  for cmd in "${!DEBIAN_PACKAGES[@]}"; do
    command -v "$cmd" >/dev/null 2>&1 || fail "$cmd still missing after installing ${DEBIAN_PACKAGES[$cmd]}"
  done
fi

for fixture in "${NPM_FIXTURES[@]}"; do
  dir="$ROOT/$fixture"
  # npm ci writes node_modules/.package-lock.json: reinstall only when the lock file changed since.
  if [[ ! -f "$dir/node_modules/.package-lock.json" || "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]]; then
    echo "test-tools: npm ci in $fixture"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) \
      || fail "npm ci failed in $fixture; try by hand: (cd $fixture && npm ci)"
  fi
done
