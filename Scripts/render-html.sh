#!/usr/bin/env bash
# Renders an example HTML summary in a real headless browser (Debian's chromium), to PDF and PNG in docs/.
# Installs chromium when missing. Usage: Scripts/render-html.sh
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; else sudo apt-get update -qq && sudo apt-get install -y -qq chromium; fi
fi
swift build -c release --product kiosk >/dev/null
kiosk=".build/release/kiosk"
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
export KIOSK_DATA_DIR="$data" KIOSK_FORMS_DIR="$PWD/Questionnaires"
# Example data: 120 scripted interviews of the seven questions, with a mix of answers, genders and ages.
python3 - "$data/script" <<'PY'
import random, sys
random.seed(7)
lines = []
for _ in range(120):
    answers = [random.choice(["nej", "nej", "nej", "ja", "-"]) for _ in range(7)]
    lines += ["", ""] + answers + [random.choice(["ja", "nej", ""])]
    lines += [random.choice(["1", "1", "1", "2", "2", "3", "-"]), str(random.randint(1, 6)), "", ""]
open(sys.argv[1], "w").write("\n".join(lines) + "\n")
PY
"$kiosk" interview violence-seven --site Exempel < "$data/script" > /dev/null
"$kiosk" export summary violence-seven --format html -o docs/summary-example.html
chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer --print-to-pdf=docs/summary-example.pdf "file://$PWD/docs/summary-example.html" 2>/dev/null
chromium --headless --no-sandbox --disable-gpu --window-size=1100,1800 --screenshot=docs/summary-example.png "file://$PWD/docs/summary-example.html" 2>/dev/null
ls -l docs/summary-example.*
