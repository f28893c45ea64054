#!/usr/bin/env bash
# Issue 20, point 3: rebuilds on the benchmark corpus, beside `cp -r` of the
# same corpus: a clean build, a build with nothing changed, a build after
# one more month of records in every branch, and whether the result is
# byte for byte a clean build's. Everything under /dev/shm.
#
#   tests/bench/rebuild.sh [DANGRI] [GEN_CORPUS]
set -euo pipefail
bin=$(realpath "${1:-./target/release/dangri}")
gen=$(realpath "${2:-./target/release/examples/gen_corpus}")
base=/dev/shm/dangri-rebuild
rm -rf "$base"
mkdir -p "$base/month"
# 874 branches × 13 months (2025-10 .. 2026-10); the last month is set
# aside, to be added back as "one month more in every branch".
"$gen" --branches 874 --months 13 --out "$base/corpus" >/dev/null
for d in "$base"/corpus/content/branches/*/2026-10; do
  mv "$d" "$base/month/$(basename "$(dirname "$d")")"
done

t() { /usr/bin/time -f "$1: %e s wall, %U + %S s CPU, peak %M KB" "${@:2}" 2>&1 | grep -v '^built'; }
stamps() { find "$1" -type f -printf '%P %i %T@\n' | sort; }
rewritten() { comm -13 "$1" "$2" | wc -l; }

rm -rf "$base/copy"; t "cp -r, 12 months" cp -r "$base/corpus" "$base/copy"
t "clean build, 12 months" "$bin" build "$base/corpus" -o "$base/out"
stamps "$base/out" > "$base/before"
t "nothing changed" "$bin" build "$base/corpus" -o "$base/out"
stamps "$base/out" > "$base/after"
echo "  files rewritten: $(rewritten "$base/before" "$base/after") of $(wc -l < "$base/after")"

for b in "$base"/month/*; do
  mv "$b" "$base/corpus/content/branches/$(basename "$b")/2026-10"
done
rm -rf "$base/copy"; t "cp -r, 13 months" cp -r "$base/corpus" "$base/copy"
t "one month added" "$bin" build "$base/corpus" -o "$base/out"
stamps "$base/out" > "$base/added"
echo "  files rewritten or new: $(rewritten "$base/after" "$base/added") of $(wc -l < "$base/added")"
t "clean build, 13 months" "$bin" build "$base/corpus" -o "$base/clean"
if diff -r -q "$base/out" "$base/clean" >/dev/null; then
  echo "  the rebuilt output is byte for byte the clean build's"
else
  echo "  DIFFERENT from a clean build"; exit 1
fi
rm -rf "$base"
