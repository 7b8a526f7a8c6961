#!/usr/bin/env bash
# Runs the benchmarks and writes BENCHMARKS.md: start-up, answer commit, summaries at national scale
# (generates a database of 1 000 000 interviews: a few GB in $WORK, default /tmp/kiosk-bench), validation.
# Usage: Scripts/benchmark.sh [--interviews N] [other kiosk-bench run options]
#        Scripts/benchmark.sh --server [--interviews N]   (the central server's section: needs PostgreSQL)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v sqlite3 >/dev/null || { echo "needs the sqlite3 command-line tool (apt-get install sqlite3)"; exit 1; }
swift build -c release --static-swift-stdlib --product kiosk
swift build -c release --static-swift-stdlib --product kiosk-bench
if [ "${1:-}" = "--server" ]; then
    shift
    source Scripts/install-deps.sh
    install_missing postgresql
    exec .build/release/kiosk-bench server --work-dir "${WORK:-/tmp/kiosk-bench}" "$@"
fi
.build/release/kiosk-bench run --kiosk .build/release/kiosk --work-dir "${WORK:-/tmp/kiosk-bench}" "$@"
