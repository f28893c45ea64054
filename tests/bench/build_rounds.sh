#!/bin/sh
# Rounds of `cp -r` of the corpus, then a build with each binary given, on
# a RAM disk. Prints one line a round.
# usage: tests/bench/build_rounds.sh ROUNDS BINARY... (corpus in /dev/shm/corpus)
set -eu
rounds=$1; shift
cd /dev/shm
for r in $(seq "$rounds"); do
  rm -rf corpus-copy
  /usr/bin/time -f "cp %e s" cp -r corpus corpus-copy 2>&1 | tr '\n' ' '
  for b in "$@"; do
    rm -rf corpus-out
    /usr/bin/time -f "$(basename "$b") %e s wall, %U user, %S sys, peak %M KB" \
      "$b" build /dev/shm/corpus -o /dev/shm/corpus-out 2>&1 >/dev/null | tail -1 | tr '\n' ' '
  done
  echo
done
rm -rf corpus-copy
