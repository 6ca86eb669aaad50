#!/usr/bin/env bash
# Installs what kgraph needs on Debian 12, only what is missing: a no-op in seconds when all is
# there. Run as root (or with sudo available). Used by tools/quickstart.sh and tools/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  g++ cmake ninja-build pkg-config python3
  librocksdb-dev libboost-graph-dev rapidjson-dev libgraphviz-dev graphviz
  libgtest-dev libgmock-dev libbenchmark-dev libicu-dev libcli11-dev iso-codes
  raptor2-utils liblink-grammar-dev bc
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# node and npm run only the test-time checkers; accept any installed node (Debian's or not).
if ! command -v node >/dev/null 2>&1; then missing+=(nodejs); fi
if ! command -v npm >/dev/null 2>&1; then missing+=(npm); fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm packages for the independent RDF/JSON-LD checkers, pinned by the committed lock files.
for dir in tests/conformance bench/oxigraph; do
  if [ -f "$dir/package-lock.json" ]; then
    stamp="$dir/node_modules/.kgraph-lock-stamp"
    if [ ! -f "$stamp" ] || ! cmp -s "$dir/package-lock.json" "$stamp"; then
      echo "setup: npm ci in $dir"
      (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
      cp "$dir/package-lock.json" "$stamp"
    fi
  fi
done
