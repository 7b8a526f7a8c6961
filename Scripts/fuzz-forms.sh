#!/usr/bin/env bash
# Longer fuzzing of the form loader than CI runs: mutants of every shipped form (broken lines, hostile
# YAML, control characters, huge numbers, deep nesting); none may crash, hang over 5 s, give an error
# without a line and column, or grow memory without bound.
# Usage: Scripts/fuzz-forms.sh [MUTANTS] [SEED]   (default 100000 in all, seed 1; CI: 3000, seed 42)
set -euo pipefail
cd "$(dirname "$0")/.."
total="${1:-100000}"
seed="${2:-1}"
swift build --build-tests
KIOSK_FUZZ_MUTANTS=$(( (total + 4) / 5 )) KIOSK_FUZZ_SEED="$seed" swift test --skip-build --filter FormFuzzTests
