#!/usr/bin/env bash
# The test command: installs what is missing, builds, and runs every test (ctest).
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup.sh
tools/build.sh
cd build
ctest --output-on-failure --timeout 900 -j "$(nproc 2>/dev/null || echo 2)"
