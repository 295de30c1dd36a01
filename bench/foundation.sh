#!/usr/bin/env bash
# The foundation benchmark (issue 2, item 8), on this machine:
#   demo --dossiers 1000000 ≤ 60 s; a year's report ≤ 100 ms; lookup by code ≤ 5 ms;
#   name search ≤ 10 ms — each command timed as its own process, start-up included.
# Usage: bench/foundation.sh            (RUNS=N to change the number of runs, default 11)
# The database is kept in bench-data/; delete it to time the demo again.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-11}
export MOTCUA_NOW=${MOTCUA_NOW:-2026-11-20T16:30:00+07:00}
export MOTCUA_USER=${MOTCUA_USER:-bench}
export MOTCUA_LANG=en
unset MOTCUA_DB
DATA=bench-data
DB=$DATA/foundation-1m.db

cargo build --release --quiet
BIN=target/release/motcua
mkdir -p "$DATA"

# Nanoseconds now, without starting a process (bash 5's EPOCHREALTIME; `date +%s%N` otherwise).
now_ns() {
  if [ -n "${EPOCHREALTIME:-}" ]; then
    local t=${EPOCHREALTIME/[.,]/}
    echo "${t}000"
  else
    date +%s%N
  fi
}

if [ -f "$DB" ]; then
  echo "demo --dossiers 1000000: skipped ($DB exists; delete it to time the demo again)"
else
  start=$(now_ns)
  "$BIN" --db "$DB" demo --dossiers 1000000 --seed 1
  end=$(now_ns)
  awk -v ns=$((end - start)) 'BEGIN { printf "demo --dossiers 1000000: %.1f s (goal ≤ 60 s)\n", ns / 1e9 }'
fi

# Median wall time of RUNS runs of a command, in milliseconds.
median_ms() {
  local i s e
  for i in $(seq "$RUNS"); do
    s=$(now_ns)
    "$@" >/dev/null
    e=$(now_ns)
    echo $((e - s))
  done | sort -n | awk '{ t[NR] = $1 } END { m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2; printf "%.1f", m / 1e6 }'
}

report() { "$BIN" --db "$DB" report --from 2025-01-01 --to 2025-12-31 --format json; }
CODE=$("$BIN" --db "$DB" dossier find "tran thi" --limit 1 | cut -f1)
[ -n "$CODE" ] || { echo "no dossier to look up in $DB" >&2; exit 1; }

echo "dossiers: $("$BIN" --db "$DB" report --from 2000-01-01 --to 2099-12-31 --format json |
  sed -E 's/.*"received":\{[^}]*"total":([0-9]+).*/\1/')"
echo "median of $RUNS runs, each a new process:"
echo "  report --from 2025-01-01 --to 2025-12-31 --format json: $(median_ms report) ms (goal ≤ 100 ms)"
echo "  dossier show $CODE: $(median_ms "$BIN" --db "$DB" dossier show "$CODE") ms (goal ≤ 5 ms)"
echo "  dossier find \"nguyen van\": $(median_ms "$BIN" --db "$DB" dossier find "nguyen van") ms (goal ≤ 10 ms)"
echo "for scale: motcua --version $(median_ms "$BIN" --version) ms, /bin/true $(median_ms /bin/true) ms;" \
  "load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
