#!/usr/bin/env bash
# Longer crash test: SIGKILL the kiosk at random points of scripted interviews many more times than CI does.
# Usage: Scripts/kill-test.sh [RUNS]   (default 2000)
set -euo pipefail
cd "$(dirname "$0")/.."
KIOSK_KILL_RUNS="${1:-2000}" swift test --filter CrashRecoveryTests
