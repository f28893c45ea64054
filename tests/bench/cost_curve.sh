#!/usr/bin/env bash
# Issue 20, point 5: a clean build of 874 branches at 3, 6, 12, 24 and 48
# months: time, peak memory and output size, each beside a `cp -r` of the
# same corpus. Everything under /dev/shm. Prints a Markdown table.
#
#   tests/bench/cost_curve.sh [DANGRI] [GEN_CORPUS] [MONTHS...]
set -euo pipefail
bin=$(realpath "${1:-./target/release/dangri}")
gen=$(realpath "${2:-./target/release/examples/gen_corpus}")
shift 2 || true
months=("${@:-3 6 12 24 48}")
# shellcheck disable=SC2206
months=(${months[*]})
base=/dev/shm/dangri-curve
echo "| months | Markdown | records | cp -r | build: wall | CPU (user + sys) | ÷ copy | peak memory | output | ÷ Markdown |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for m in "${months[@]}"; do
  rm -rf "$base"; mkdir -p "$base"
  "$gen" --branches 874 --months "$m" --out "$base/corpus" >/dev/null
  md=$(find "$base/corpus" -name '*.md' -printf '%s\n' | awk '{s+=$1} END {print s}')
  cp_s=$( { /usr/bin/time -f "%e" cp -r "$base/corpus" "$base/copy"; } 2>&1 )
  rm -rf "$base/copy"
  /usr/bin/time -o "$base/time" -f "%e %U %S %M" "$bin" build "$base/corpus" -o "$base/out" 2>/dev/null
  read -r wall user sys peak < "$base/time"
  records=$(find "$base/out/branches" -mindepth 4 -name index.html ! -path '*/ledger/*' | wc -l)
  out=$(du -sb "$base/out" | cut -f1)
  awk -v m="$m" -v md="$md" -v r="$records" -v c="$cp_s" -v w="$wall" -v u="$user" -v s="$sys" -v p="$peak" -v o="$out" 'BEGIN {
    printf "| %d | %.0f MB | %d | %.2f s | %.2f s | %.2f + %.2f s | %.1f | %.0f MB | %.0f MB | %.2f |\n",
      m, md/1e6, r, c, w, u, s, w/c, p/1024, o/1e6, o/md }'
  rm -rf "$base"
done
