#!/usr/bin/env bash
# Issue 9's import benchmark, and issue 11's on PostgreSQL: generates a court export (Registry.Bench.Export), measures
# the database's own bulk load of it (sqlite-baseline.sh: sqlite3 `.import`; pg-baseline.sh: PostgreSQL `\copy`), and
# with --cli times `registry import FILE --json` against the built service started on a fresh database, interleaved run
# by run with the baseline, as a ratio to it. --also-service times other builds of the service the same way in the same
# runs (e.g. an older commit's, for a before/after). Prints a Markdown table of medians. See bench/README.md and
# docs/benchmarks.md.
set -euo pipefail

rows=1000000 seed=42 quirks=0 bad=0 runs=3 work="${TMPDIR:-/tmp}/registry-import-bench" build=1 cli=0 port=5182 file=""
provider=sqlite postgres="" also=()
usage() {
  cat <<USAGE
usage: bench/import/run.sh [--rows 1000000] [--seed 42] [--quirks] [--bad-fraction 0] [--file EXISTING.csv]
                           [--runs 3] [--cli] [--port 5182] [--work-dir DIR] [--no-build]
                           [--provider sqlite|postgres] [--postgres 'Host=127.0.0.1;Port=5432;Username=postgres']
                           [--also-service LABEL=DIR]...
  --file      import this file instead of generating one (--rows/--seed/--quirks/--bad-fraction are then ignored).
  --cli       also run the CLI import, once per run, each time against a new service on a new, empty database:
              Production environment, every setting on the command line (K, the signing key from
              'registry audit keygen', the first admin key written by the bootstrap to an owner-only file).
  --provider  the service's database: sqlite (a new file per run; baseline sqlite3 .import) or postgres (a new database
              per run on the --postgres server, dropped afterwards; baseline psql \copy into a new database).
  --also-service LABEL=DIR  with --cli, also time the service built in DIR (holding Registry.Service.dll) in every run,
              labelled LABEL; repeatable.
USAGE
}
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --quirks) quirks=1; shift ;;
    --bad-fraction) bad=$2; shift 2 ;;
    --file) file=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --cli) cli=1; shift ;;
    --port) port=$2; shift 2 ;;
    --work-dir) work=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    --provider) provider=$2; shift 2 ;;
    --postgres) postgres=$2; shift 2 ;;
    --also-service) also+=("$2"); shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option $1" >&2; usage >&2; exit 1 ;;
  esac
done
case "$provider" in
  sqlite) ;;
  postgres) [ -n "$postgres" ] || { echo "--provider postgres needs --postgres CONNECTION_STRING" >&2; exit 1; } ;;
  *) echo "--provider is sqlite or postgres" >&2; exit 1 ;;
esac

root=$(cd "$(dirname "$0")/../.." && pwd)
if [ "$provider" = sqlite ]; then
  command -v sqlite3 >/dev/null || { echo "sqlite3 is missing: apt-get install -y sqlite3" >&2; exit 1; }
else
  command -v psql >/dev/null || { echo "psql is missing: apt-get install -y postgresql-client" >&2; exit 1; }
fi
if [ "$cli" = 1 ]; then
  command -v curl >/dev/null || { echo "curl is missing" >&2; exit 1; }
  [ -x /usr/bin/time ] || { echo "/usr/bin/time is missing (peak RSS of the CLI): apt-get install -y time" >&2; exit 1; }
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
mkdir -p "$work"
work=$(cd "$work" && pwd)
log() { echo "[$(date +%T)] $*" >&2; }

if [ "$build" = 1 ]; then
  log "dotnet build Registry.sln -c Release"
  dotnet build "$root/Registry.sln" -c Release -v quiet -nologo >"$work/build.log" 2>&1 || { tail -30 "$work/build.log" >&2; exit 1; }
fi
export_dll="$root/bench/Registry.Bench.Export/bin/Release/net10.0/Registry.Bench.Export.dll"
cli_dll="$root/Registry.Cli/bin/Release/net10.0/registry.dll"
service_dir="$root/Registry.Service/bin/Release/net10.0"

if [ -z "$file" ]; then
  suffix=""
  if [ "$quirks" = 1 ]; then suffix+=-quirks; fi
  if [ "$bad" != 0 ]; then suffix+="-bad$bad"; fi
  file="$work/export-$rows-seed$seed$suffix.csv"
  flags=(--rows "$rows" --out "$file" --seed "$seed" --bad-fraction "$bad")
  if [ "$quirks" = 1 ]; then flags+=(--quirks); fi
  log "generating $file"
  dotnet "$export_dll" "${flags[@]}" 2>&1 | sed 's/^/  /' >&2
fi
file=$(realpath "$file")

services=("registry import=$service_dir")
services+=("${also[@]}")
for entry in "${services[@]}"; do
  [ -f "${entry#*=}/Registry.Service.dll" ] || { echo "no Registry.Service.dll in ${entry#*=} (${entry%%=*})" >&2; exit 1; }
done

# psql settings of the --postgres server (Host, Port, Username of its Npgsql connection string).
setting() { tr ';' '\n' <<<"$postgres" | awk -F= -v k="$1" 'tolower($1) == tolower(k) {print $2}' | tail -n 1; }
if [ "$provider" = postgres ]; then
  export PGHOST=$(setting Host) PGPORT=$(setting Port) PGUSER=$(setting Username)
  PGPORT=${PGPORT:-5432}
fi

baseline_once() {
  if [ "$provider" = sqlite ]; then
    "$root/bench/import/sqlite-baseline.sh" --runs 1 --work-dir "$work/sqlite" "$file"
  else
    "$root/bench/import/pg-baseline.sh" --runs 1 --postgres "$postgres" "$file"
  fi
}

results="$work/cli.tsv" baselines="$work/baseline.tsv"
: >"$results"
: >"$baselines"
pid="" database=""
cleanup() {
  [ -n "$pid" ] && { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
  [ -n "$database" ] && psql -q -X -d postgres -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null 2>&1
  pid="" database=""
  return 0
}
trap cleanup EXIT
base="http://127.0.0.1:$port"
total=""
for run in $(seq 1 "$runs"); do
  log "run $run: baseline ($provider)"
  baseline_once | tee "$work/baseline-$run.out" | sed 's/^/  /' >&2
  # The rows of the file as the baseline parsed them: every rate is over the same rows (the CLI's, rejected ones included).
  total=$(awk '$1 == "run" {print $3; exit}' "$work/baseline-$run.out")
  awk '$1 == "median" {print $2}' "$work/baseline-$run.out" >>"$baselines"
  [ "$cli" = 1 ] || continue
  for entry in "${services[@]}"; do
    label=${entry%%=*} dir_service=${entry#*=}
    dir="$work/service-$run-$(tr -c 'A-Za-z0-9' '_' <<<"$label")"
    rm -rf "$dir" && mkdir -p "$dir"
    dotnet "$cli_dll" audit keygen --origin bench.registry.kz/import --out "$dir/signing.key" >/dev/null 2>"$dir/keygen.err"
    secret=$(head -c 32 /dev/urandom | base64)
    if [ "$provider" = sqlite ]; then
      db_args=("--ConnectionStrings:Registry=Data Source=$dir/registry.db")
      where="fresh database $dir/registry.db"
    else
      database="registry_import_bench_$$_$run"
      psql -q -X -d postgres -c "CREATE DATABASE $database" >/dev/null
      db_args=(--Registry:Database:Provider=Postgres "--ConnectionStrings:Registry=$postgres;Database=$database")
      where="fresh PostgreSQL database $database"
    fi
    # Every setting is given explicitly, as in bench/h2load/run.sh; the database is empty, so the service migrates it
    # and the bootstrap creates the first admin key.
    (cd "$dir" && exec env ASPNETCORE_ENVIRONMENT=Production dotnet "$dir_service/Registry.Service.dll" \
      "${db_args[@]}" \
      --Registry:SubjectKey:KeyId=bench1 "--Registry:SubjectKey:Secret=$secret" \
      "--Registry:Audit:SigningKeyFile=$dir/signing.key" "--Registry:Bootstrap:AdminKeyFile=$dir/admin.key" \
      "--Urls=$base" --Kestrel:EndpointDefaults:Protocols=Http2 \
      --Logging:LogLevel:Default=Warning --Logging:LogLevel:Microsoft.AspNetCore=Warning) >"$dir/service.log" 2>&1 &
    pid=$!
    for _ in $(seq 1 240); do
      [ -s "$dir/admin.key" ] && curl -sf --http2-prior-knowledge "$base/" >/dev/null 2>&1 && break
      kill -0 "$pid" 2>/dev/null || { cat "$dir/service.log" >&2; echo "the service exited" >&2; exit 1; }
      sleep 0.5
    done
    [ -s "$dir/admin.key" ] || { cat "$dir/service.log" >&2; echo "no admin key after 120 s" >&2; exit 1; }
    log "run $run: $label: registry import against $base ($where)"
    start=$(date +%s%N)
    set +e
    # The key goes through REGISTRY_API_KEY (the CLI's --api-key default), not argv, where ps would show it.
    REGISTRY_API_KEY=$(tr -d '\n' <"$dir/admin.key") /usr/bin/time -f '%M' -o "$dir/cli.maxrss" \
      dotnet "$cli_dll" --server "$base" import "$file" --json >"$dir/import.json" 2>"$dir/import.err"
    code=$?
    set -e
    end=$(date +%s%N)
    service_hwm=$(awk '/^VmHWM:/ {printf "%.0f", $2 / 1024}' "/proc/$pid/status")
    cleanup
    if [ "$code" != 0 ] && [ "$code" != 3 ]; then
      tail -20 "$dir/import.err" >&2
      echo "registry import exited $code (0 = all imported, 3 = some rows rejected)" >&2
      exit 1
    fi
    summary=$(tail -n 1 "$dir/import.json")
    seconds=$(awk -v ns=$((end - start)) 'BEGIN {printf "%.2f", ns / 1e9}')
    rate=$(awk -v r="$total" -v s="$seconds" 'BEGIN {printf "%.0f", r / s}')
    cli_mb=$(tail -n 1 "$dir/cli.maxrss" | awk '{printf "%.0f", $1 / 1024}')
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$run" "$seconds" "$rate" "$cli_mb" "$service_hwm" "$code" "$summary" >>"$results"
    log "run $run: $label: $total rows in $seconds s = $rate rows/s, exit $code, CLI peak RSS $cli_mb MB, service peak RSS $service_hwm MB"
    log "  $summary"
  done
done

median() { sort -n | awk '{v[NR] = $1} END {if (NR == 0) print "-"; else print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2)}'; }
baseline=$(median <"$baselines")
if [ "$provider" = sqlite ]; then
  what="sqlite3 .import, bare table" engine="sqlite3 $(sqlite3 --version | cut -d' ' -f1)"
else
  what="psql \\copy, bare table" engine="PostgreSQL $(psql -qtA -X -d postgres -c 'SHOW server_version')"
fi
echo
echo "import benchmark ($provider), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ), $runs runs"
echo "file $(basename "$file"): $(stat -c %s "$file") bytes, $total rows; $engine; baseline runs (rows/s): $(paste -sd' ' "$baselines")"
echo
echo "| what | median rows/s | ratio to the baseline | median peak RSS MB (CLI / service) |"
echo "| --- | --- | --- | --- |"
echo "| $what | $baseline | 1 | - |"
if [ "$cli" = 1 ]; then
  for entry in "${services[@]}"; do
    label=${entry%%=*}
    mine() { awk -F'\t' -v l="$label" -v c="$1" '$1 == l {print $c}' "$results"; }
    rate=$(mine 4 | median)
    ratio=$(awk -v c="$rate" -v b="$baseline" 'BEGIN {printf "%.3f", c / b}')
    echo "| $label (parse to commit) | $rate | $ratio | $(mine 5 | median) / $(mine 6 | median) |"
  done
  echo
  echo "raw CLI runs (label, run, seconds, rows/s, CLI peak RSS MB, service peak RSS MB, exit code, --json summary):"
  cat "$results"
fi
