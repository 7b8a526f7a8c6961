#!/usr/bin/env bash
# Runs the benchmarks and writes BENCHMARKS.md: start-up, answer commit, summaries at national scale
# (generates a database of 1 000 000 interviews: a few GB in $WORK, default /tmp/kiosk-bench), validation.
# Usage: Scripts/benchmark.sh [--interviews N] [other kiosk-bench run options]
#        Scripts/benchmark.sh --server [--interviews N]   (the central server's section: needs PostgreSQL)
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/install-deps.sh
# The libraries the kiosk builds against, and sqlite3 for the reference query.
install_missing libreadline-dev libsqlite3-dev libutf8proc-dev zlib1g-dev libxml2-dev sqlite3
prepare_static_libstdcxx
swift build -c release --static-swift-stdlib --product kiosk
swift build -c release --static-swift-stdlib --product kiosk-bench
if [ "${1:-}" = "--server" ]; then
    shift
    install_missing postgresql
    exec .build/release/kiosk-bench server --work-dir "${WORK:-/tmp/kiosk-bench}" "$@"
fi
.build/release/kiosk-bench run --kiosk .build/release/kiosk --work-dir "${WORK:-/tmp/kiosk-bench}" "$@"
