#!/usr/bin/env bash
# Longer attack on what the kiosk publishes: many more generated small sites, with several seeds, than CI
# runs (CI: 24 sites, one seed). Every table of every split is attacked with whole-number reasoning.
# Usage: Scripts/attack-sites.sh [SITES] [SEEDS...]   (default 3000 sites, seeds 1 2 3)
set -euo pipefail
cd "$(dirname "$0")/.."
sites="${1:-3000}"
shift || true
seeds=("$@")
[ ${#seeds[@]} -gt 0 ] || seeds=(1 2 3)
swift build --build-tests
for seed in "${seeds[@]}"; do
    echo "== ${sites} sites, seed ${seed}"
    KIOSK_ATTACK_SITES="$sites" KIOSK_ATTACK_SEED="$seed" swift test --skip-build --filter AttackTests
done
