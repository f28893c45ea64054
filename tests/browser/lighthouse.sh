#!/usr/bin/env bash
# Lighthouse (mobile) over a built dangri site: home, a record and a lecture
# page, served locally. Prints the four category scores of each page and
# the audits that lost points; exits 1 when a score is under 1.0.
#
# usage: tests/browser/lighthouse.sh OUTPUT_DIR
#   e.g. dangri build . -o /tmp/site && tests/browser/lighthouse.sh /tmp/site
#
# Not part of CI: the performance score of a page is measured, and on a
# shared 2-core runner it wobbles. Needs node/npm and chromium; lighthouse
# is installed on first use into $DANGRI_TOOLS (default /tmp/dangri-tools).
# Environment: DANGRI_TOOLS, CHROME (browser binary), LH_PORT (8765),
# LH_PAGES (paths under the site, space-separated; default: the home page,
# the first record and the first lecture page).
set -euo pipefail

out=${1:-}
if [[ -z "$out" || ! -f "$out/index.html" ]]; then
  echo "usage: $0 OUTPUT_DIR (a dangri output folder with index.html)" >&2
  exit 2
fi
out=$(cd "$out" && pwd)
tools=${DANGRI_TOOLS:-/tmp/dangri-tools}
port=${LH_PORT:-8765}
export CHROME_PATH=${CHROME:-$(command -v chromium || command -v chromium-browser || echo chromium)}

if [[ ! -x "$tools/node_modules/.bin/lighthouse" ]]; then
  echo "lighthouse: installing lighthouse into $tools" >&2
  mkdir -p "$tools"
  [[ -f "$tools/package.json" ]] || echo '{"name":"dangri-tools","private":true}' >"$tools/package.json"
  npm install --prefix "$tools" --no-audit --no-fund --loglevel=error lighthouse >&2
fi

if [[ -z "${LH_PAGES:-}" ]]; then
  record=$(cd "$out" && find branches -mindepth 4 -maxdepth 4 -name index.html -path '*/20*-*/*' | sort | head -1)
  lecture=$(cd "$out" && find lectures -mindepth 2 -maxdepth 2 -name index.html -path 'lectures/*-*-*/*' | sort | head -1)
  LH_PAGES="/ /${record%index.html} /${lecture%index.html}"
fi

python3 -m http.server "$port" --bind 127.0.0.1 --directory "$out" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null' EXIT
sleep 1

status=0
report=$(mktemp -d)
for page in $LH_PAGES; do
  "$tools/node_modules/.bin/lighthouse" "http://127.0.0.1:$port$page" --quiet \
    --chrome-flags="--headless --no-sandbox --disable-gpu" --form-factor=mobile \
    --output=json --output-path="$report/page.json" >/dev/null 2>&1 || true
  python3 - "$report/page.json" "$page" <<'PY' || status=1
import json, sys
path, page = sys.argv[1], sys.argv[2]
try:
    d = json.load(open(path))
except (OSError, ValueError):
    print(f"{page}: lighthouse did not run"); sys.exit(1)
scores = {k: v["score"] for k, v in d["categories"].items()}
print(page, " ".join(f"{k} {s if s is None else round(s * 100)}" for k, s in scores.items()))
for k, v in d["categories"].items():
    for ref in v["auditRefs"]:
        a = d["audits"][ref["id"]]
        if ref["weight"] > 0 and a.get("score") is not None and a["score"] < 1:
            print(f"  {k}: {ref['id']} {a['score']} {a.get('displayValue', '')}")
sys.exit(0 if all(s == 1 for s in scores.values()) else 1)
PY
done
exit $status
