#!/usr/bin/env bash
# Longer run of random key streams on a pseudo-terminal than CI does (escape sequences, control keys,
# Alt-keys, pastes), in normal and locked mode: no crash, no freeze, never out of locked mode.
# Usage: Scripts/key-streams.sh [RUNS]   (default 200 of each mode; CI: 6)
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --build-tests
KIOSK_KEY_RUNS="${1:-200}" swift test --skip-build --filter KeyStreamRunTests
