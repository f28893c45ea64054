#!/usr/bin/env bash
# Checks a built dangri site the way a browser and a validator see it:
#   1. the Nu HTML checker (vnu) over every HTML file: no error allowed;
#   2. axe-core in headless Chromium over one page of each type: no serious
#      or critical violation allowed (see axe_check.mjs).
#
# usage: tests/browser/theme_check.sh OUTPUT_DIR
#   e.g. dangri build . -o /tmp/site && tests/browser/theme_check.sh /tmp/site
#
# Needs node/npm, java and chromium. The npm tools (vnu-jar, axe-core,
# playwright-core) are installed on first use into $DANGRI_TOOLS
# (default /tmp/dangri-tools), never into the repository.
# Environment: DANGRI_TOOLS, CHROME (browser binary), SKIP_VNU=1, SKIP_AXE=1,
# AXE_PAGES, AXE_FAIL_IMPACTS (see axe_check.mjs).
set -euo pipefail

out=${1:-}
if [[ -z "$out" || ! -f "$out/index.html" ]]; then
  echo "usage: $0 OUTPUT_DIR (a dangri output folder with index.html)" >&2
  exit 2
fi
out=$(cd "$out" && pwd)
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
tools=${DANGRI_TOOLS:-/tmp/dangri-tools}
export DANGRI_TOOLS=$tools

need() { command -v "$1" >/dev/null 2>&1 || { echo "theme_check: '$1' not found ($2)" >&2; exit 2; }; }
need node "install Node.js 18 or later"
need npm "install npm"

if [[ ! -f "$tools/node_modules/vnu-jar/build/dist/vnu.jar" || ! -d "$tools/node_modules/axe-core" || ! -d "$tools/node_modules/playwright-core" ]]; then
  echo "theme_check: installing vnu-jar, axe-core, playwright-core into $tools"
  mkdir -p "$tools"
  [[ -f "$tools/package.json" ]] || echo '{"name":"dangri-tools","private":true}' >"$tools/package.json"
  # --ignore-scripts: vnu-jar ships the jar; its postinstall only fetches a JRE.
  npm install --prefix "$tools" --no-audit --no-fund --ignore-scripts --loglevel=error \
    vnu-jar axe-core playwright-core >&2
fi

status=0

if [[ "${SKIP_VNU:-}" != 1 ]]; then
  need java "install a Java 11+ runtime, e.g. apt-get install default-jre-headless"
  count=$(find "$out" -name '*.html' | wc -l)
  echo "== vnu: $count HTML files in $out"
  log=$(mktemp)
  # --errors-only: warnings (e.g. a section without a heading) do not fail.
  if java -Xss8m -jar "$tools/node_modules/vnu-jar/build/dist/vnu.jar" \
      --errors-only --skip-non-html --format gnu "$out" 2>"$log"; then
    echo "vnu: no errors"
  else
    sed "s|$out/||" "$log" | head -200
    echo "vnu: $(grep -c ': error' "$log" || true) error(s)"
    status=1
  fi
  rm -f "$log"
fi

if [[ "${SKIP_AXE:-}" != 1 ]]; then
  if [[ -z "${CHROME:-}" ]]; then
    for c in chromium chromium-browser google-chrome; do
      if command -v "$c" >/dev/null 2>&1; then CHROME=$(command -v "$c"); break; fi
    done
  fi
  [[ -n "${CHROME:-}" ]] || { echo "theme_check: no chromium found (set CHROME)" >&2; exit 2; }
  export CHROME
  echo "== axe: sample of page types, $CHROME"
  node "$here/axe_check.mjs" "$out" || status=1
fi

exit $status
