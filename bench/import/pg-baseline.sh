#!/usr/bin/env bash
# The reference for the import on PostgreSQL (issue 11): PostgreSQL's own COPY of a court export, through psql's \copy,
# into a bare table (13 TEXT columns, no key, no index) in a fresh database, timed as one psql process: the counterpart of
# sqlite-baseline.sh. Prints each run and the median rows/s; the last line on stdout is `median <rows/s> rows/s`
# (bench/import/run.sh reads it). See docs/benchmarks.md ("Import on PostgreSQL").
set -euo pipefail

runs=3 server="" file=""
usage() {
  cat <<USAGE
usage: bench/import/pg-baseline.sh --postgres 'Host=127.0.0.1;Port=5432;Username=postgres' [--runs 3] FILE.csv
  --postgres  the server, as an Npgsql connection string (Host, Port, Username; Password through PGPASSWORD).
  The delimiter (',' or ';') is read off the header line; the header (with a UTF-8 BOM, if any) is skipped by COPY's
  HEADER option. Each run copies into a new database (dropped afterwards) with the server's settings (fsync and
  synchronous_commit as configured; one transaction).
USAGE
}
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --postgres) server=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    -*) echo "unknown option $1" >&2; usage >&2; exit 1 ;;
    *) [ -z "$file" ] || { echo "one file only" >&2; exit 1; }; file=$1; shift ;;
  esac
done
[ -n "$file" ] && [ -n "$server" ] || { usage >&2; exit 1; }
[ -f "$file" ] || { echo "no such file: $file" >&2; exit 1; }
command -v psql >/dev/null || { echo "psql is missing: apt-get install -y postgresql-client" >&2; exit 1; }

# Host, Port and Username of the Npgsql connection string, for psql.
setting() { tr ';' '\n' <<<"$server" | awk -F= -v k="$1" 'tolower($1) == tolower(k) {print $2}' | tail -n 1; }
export PGHOST=$(setting Host) PGPORT=$(setting Port) PGUSER=$(setting Username)
PGPORT=${PGPORT:-5432}

header=$(head -n 1 "$file" | sed $'1s/^\xEF\xBB\xBF//' | tr -d '\r')
if [ "$(tr -cd ';' <<<"$header" | wc -c)" -gt "$(tr -cd ',' <<<"$header" | wc -c)" ]; then sep=';'; else sep=','; fi
columns=$(tr "$sep" '\n' <<<"$header" | awk 'NF {printf "%s\"%s\" text", (n++ ? ", " : ""), $0}')
[ -n "$columns" ] || { echo "no header line in $file" >&2; exit 1; }

rows_per_s=()
for run in $(seq 1 "$runs"); do
  db="registry_copy_baseline_$$_$run"
  psql -q -X -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
  psql -q -X -d "$db" -c "CREATE TABLE court_export ($columns)" >/dev/null
  start=$(date +%s%N)
  psql -q -X -v ON_ERROR_STOP=1 -d "$db" \
    -c "\\copy court_export FROM '$file' WITH (FORMAT csv, HEADER true, DELIMITER '$sep', ENCODING 'UTF8')" >/dev/null
  end=$(date +%s%N)
  rows=$(psql -qtA -X -d "$db" -c "SELECT count(*) FROM court_export")
  psql -q -X -d postgres -c "DROP DATABASE $db" >/dev/null
  rate=$(awk -v r="$rows" -v ns=$((end - start)) 'BEGIN {printf "%.0f", r / (ns / 1e9)}')
  rows_per_s+=("$rate")
  printf 'run %d: %d rows in %.2f s = %d rows/s (separator %s)\n' "$run" "$rows" "$(awk -v ns=$((end - start)) 'BEGIN {print ns / 1e9}')" "$rate" "$sep"
done
median=$(printf '%s\n' "${rows_per_s[@]}" | sort -n | awk '{v[NR] = $1} END {print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2)}')
echo "PostgreSQL $(psql -qtA -X -d postgres -c 'SHOW server_version'), $(basename "$file") ($(stat -c %s "$file") bytes), $runs runs, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "median $median rows/s"
