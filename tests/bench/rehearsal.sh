#!/usr/bin/env bash
# Issue 21: a local rehearsal of a city's pipeline. Generates DISTRICTS
# districts (each its own site: BRANCHES branches × MONTHS months, its own
# seed), builds them in JOBS parallel processes (as a CI matrix would, one
# job per district), then builds the portal from their data/ folders.
# Prints each district's build (wall, CPU, peak memory) and the portal's.
# Everything under /dev/shm, removed at the end unless KEEP=1.
#
#   tests/bench/rehearsal.sh [DANGRI] [GEN_CORPUS] [DISTRICTS] [BRANCHES] [MONTHS] [JOBS]
set -euo pipefail
bin=$(realpath "${1:-./target/release/dangri}")
gen=$(realpath "${2:-./target/release/examples/gen_corpus}")
districts=${3:-4}
branches=${4:-874}
months=${5:-12}
jobs=${6:-2}
base=/dev/shm/dangri-rehearsal
rm -rf "$base"
mkdir -p "$base/portal"

for d in $(seq "$districts"); do
  "$gen" --branches "$branches" --months "$months" --seed "$d" --out "$base/d$d" >/dev/null
done

start=$(date +%s.%N)
seq "$districts" | xargs -P "$jobs" -I{} /usr/bin/time -o "$base/time-{}" \
  -f "%e %U %S %M" "$bin" build "$base/d{}" -o "$base/out-{}" 2>/dev/null
end=$(date +%s.%N)

{
  echo "title: 演练市基层党组织活动档案门户"
  echo "base_url: https://portal.example.org/"
  echo "districts:"
  for d in $(seq "$districts"); do
    echo "  - { name: 演练$d区, url: https://d$d.example.org/, data: $base/out-$d/data }"
  done
} > "$base/portal/portal.yaml"
/usr/bin/time -o "$base/time-portal" -f "%e %U %S %M" \
  "$bin" portal "$base/portal" -o "$base/portal-out" 2>/dev/null

echo "| district | records | data/ | build: wall | CPU (user + sys) | peak memory |"
echo "|---|---:|---:|---:|---:|---:|"
for d in $(seq "$districts"); do
  read -r wall user sys peak < "$base/time-$d"
  records=$(find "$base/d$d/content/branches" -name '*.md' ! -name '_index.md' | wc -l)
  data=$(du -sb "$base/out-$d/data" | cut -f1)
  awk -v d="$d" -v r="$records" -v da="$data" -v w="$wall" -v u="$user" -v s="$sys" -v p="$peak" 'BEGIN {
    printf "| %d | %d | %.1f MB | %.2f s | %.2f + %.2f s | %.0f MB |\n", d, r, da/1e6, w, u, s, p/1024 }'
done
awk -v a="$start" -v b="$end" -v n="$districts" -v j="$jobs" 'BEGIN {
  printf "\nall %d districts, %d at a time: %.2f s wall\n", n, j, b-a }'
read -r wall user sys peak < "$base/time-portal"
awk -v w="$wall" -v u="$user" -v s="$sys" -v p="$peak" 'BEGIN {
  printf "portal: %.2f s wall, %.2f + %.2f s CPU, peak %.0f MB\n", w, u, s, p/1024 }'
echo "portal output: $(du -sb "$base/portal-out" | cut -f1) bytes"
[[ -n "${KEEP:-}" ]] || rm -rf "$base"
