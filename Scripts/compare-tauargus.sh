#!/usr/bin/env bash
# Compares the kiosk's published figures with τ-ARGUS (Statistics Netherlands' disclosure-control engine,
# pytauargus from PyPI) on generated small sites, and writes docs/DISCLOSURE-CONTROL-COMPARISON.md.
# Usage: Scripts/compare-tauargus.sh [SEEDS]   (default 5: seeds 1 … 5, 36 sites and 991 interviews each)
set -euo pipefail
cd "$(dirname "$0")/.."
seeds="${1:-5}"
python3 -c "import pytauargus" 2>/dev/null || pip install --quiet pytauargus
swift build --product kiosk
swift build --product kiosk-bench
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for seed in $(seq 1 "$seeds"); do
    .build/debug/kiosk-bench generate --interviews 991 --sites 36 --seed "$seed" --data-dir "$work/data-$seed" \
        --microdata "$work/micro-$seed.csv" >/dev/null
    .build/debug/kiosk --data-dir "$work/data-$seed" export summary violence-seven --format json -o "$work/whole-$seed.json" >/dev/null
    .build/debug/kiosk --data-dir "$work/data-$seed" export summary violence-seven --by site --format json -o "$work/site-$seed.json" >/dev/null
done
out=docs/DISCLOSURE-CONTROL-COMPARISON.md
{
    echo "# What the kiosk publishes, next to τ-ARGUS"
    echo
    echo "Made by \`Scripts/compare-tauargus.sh\` on $(date -u +%Y-%m-%d) with pytauargus $(python3 -c 'import pytauargus; print(pytauargus.__version__)')."
    echo
    python3 Scripts/compare-tauargus.py "$work"
    echo
    cat docs/disclosure-control-notes.md
} > "$out"
echo "wrote $out"
