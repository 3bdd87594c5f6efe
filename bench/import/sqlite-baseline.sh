#!/usr/bin/env bash
# The reference for issue 9's import goal: sqlite3's own `.import` of a court export into a bare table (13 TEXT
# columns, no key, no index) in a fresh database, timed as one sqlite3 process. Prints each run and the median rows/s;
# the last line on stdout is `median <rows/s> rows/s` (bench/import/run.sh reads it). See bench/README.md.
set -euo pipefail

runs=3 work="${TMPDIR:-/tmp}/registry-sqlite-baseline" file=""
usage() {
  cat <<USAGE
usage: bench/import/sqlite-baseline.sh [--runs 3] [--work-dir DIR] FILE.csv
  The delimiter (',' or ';') is read off the header line; a UTF-8 BOM is skipped with the header (.import --skip 1
  into a pre-created table, so neither the BOM nor the header becomes data). Each run imports into a new database
  in DIR (deleted afterwards) with sqlite3's defaults (rollback journal, synchronous=FULL, one transaction).
USAGE
}
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --work-dir) work=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    -*) echo "unknown option $1" >&2; usage >&2; exit 1 ;;
    *) [ -z "$file" ] || { echo "one file only" >&2; exit 1; }; file=$1; shift ;;
  esac
done
[ -n "$file" ] || { usage >&2; exit 1; }
[ -f "$file" ] || { echo "no such file: $file" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "sqlite3 is missing: apt-get install -y sqlite3 (Debian's package; 3.40 here)" >&2; exit 1; }

header=$(head -n 1 "$file" | sed $'1s/^\xEF\xBB\xBF//' | tr -d '\r')
if [ "$(tr -cd ';' <<<"$header" | wc -c)" -gt "$(tr -cd ',' <<<"$header" | wc -c)" ]; then sep=';'; else sep=','; fi
columns=$(tr "$sep" '\n' <<<"$header" | awk 'NF {printf "%s\"%s\" TEXT", (n++ ? ", " : ""), $0}')
[ -n "$columns" ] || { echo "no header line in $file" >&2; exit 1; }

mkdir -p "$work"
rows_per_s=()
for run in $(seq 1 "$runs"); do
  db="$work/baseline-$$-$run.db"
  rm -f "$db" "$db-journal"
  sqlite3 "$db" "CREATE TABLE court_export ($columns);"
  start=$(date +%s%N)
  sqlite3 "$db" ".mode csv" ".separator \"$sep\"" ".import --skip 1 '$file' court_export" 2>"$work/import-$$.err"
  end=$(date +%s%N)
  rows=$(sqlite3 "$db" "SELECT count(*) FROM court_export;")
  warnings=$(wc -l <"$work/import-$$.err")
  rm -f "$db" "$db-journal" "$work/import-$$.err"
  rate=$(awk -v r="$rows" -v ns=$((end - start)) 'BEGIN {printf "%.0f", r / (ns / 1e9)}')
  rows_per_s+=("$rate")
  printf 'run %d: %d rows in %.2f s = %d rows/s (separator %s, %d warnings from sqlite3)\n' \
    "$run" "$rows" "$(awk -v ns=$((end - start)) 'BEGIN {print ns / 1e9}')" "$rate" "$sep" "$warnings"
done
median=$(printf '%s\n' "${rows_per_s[@]}" | sort -n | awk '{v[NR] = $1} END {print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2)}')
echo "sqlite3 $(sqlite3 --version | cut -d' ' -f1), $(basename "$file") ($(stat -c %s "$file") bytes), $runs runs, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "median $median rows/s"
