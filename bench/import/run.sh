#!/usr/bin/env bash
# Issue 9's import benchmark: generates a court export (Registry.Bench.Export), measures sqlite3's own `.import` of it
# (sqlite-baseline.sh), and with --cli times `registry import FILE --json` against the built service started on a
# fresh SQLite database, in the same run, as a ratio to the baseline. Prints a Markdown table of medians.
# See bench/README.md.
set -euo pipefail

rows=1000000 seed=42 quirks=0 bad=0 runs=3 work="${TMPDIR:-/tmp}/registry-import-bench" build=1 cli=0 port=5182 file=""
usage() {
  cat <<USAGE
usage: bench/import/run.sh [--rows 1000000] [--seed 42] [--quirks] [--bad-fraction 0] [--file EXISTING.csv]
                           [--runs 3] [--cli] [--port 5182] [--work-dir DIR] [--no-build]
  --file   import this file instead of generating one (--rows/--seed/--quirks/--bad-fraction are then ignored).
  --cli    also run the CLI import, once per run, each time against a new service on a new, empty database:
           Production environment, every setting on the command line (K, the signing key from
           'registry audit keygen', the first admin key written by the bootstrap to an owner-only file).
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
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option $1" >&2; usage >&2; exit 1 ;;
  esac
done

root=$(cd "$(dirname "$0")/../.." && pwd)
command -v sqlite3 >/dev/null || { echo "sqlite3 is missing: apt-get install -y sqlite3" >&2; exit 1; }
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
  file="$work/export-$rows-seed$seed$([ "$quirks" = 1 ] && echo -quirks)$([ "$bad" != 0 ] && echo "-bad$bad").csv"
  flags=(--rows "$rows" --out "$file" --seed "$seed" --bad-fraction "$bad")
  [ "$quirks" = 1 ] && flags+=(--quirks)
  log "generating $file"
  dotnet "$export_dll" "${flags[@]}" 2>&1 | sed 's/^/  /' >&2
fi
file=$(realpath "$file")

log "sqlite3 .import baseline, $runs runs"
"$root/bench/import/sqlite-baseline.sh" --runs "$runs" --work-dir "$work/sqlite" "$file" | tee "$work/baseline.out" | sed 's/^/  /' >&2
baseline=$(awk '$1 == "median" {print $2}' "$work/baseline.out")
# The rows of the file as sqlite3 parsed them: both rates are over the same rows (the CLI's, rejected ones included).
total=$(awk '$1 == "run" {print $3; exit}' "$work/baseline.out")

results="$work/cli.tsv"
: >"$results"
if [ "$cli" = 1 ]; then
  base="http://127.0.0.1:$port"
  pid=""
  cleanup() { [ -n "$pid" ] && { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }; return 0; }
  trap cleanup EXIT
  for run in $(seq 1 "$runs"); do
    dir="$work/service-$run"
    rm -rf "$dir" && mkdir -p "$dir"
    dotnet "$cli_dll" audit keygen --origin bench.registry.kz/import --out "$dir/signing.key" >/dev/null 2>"$dir/keygen.err"
    secret=$(head -c 32 /dev/urandom | base64)
    # Every setting is given explicitly, as in bench/h2load/run.sh; the database file does not exist yet, so the
    # service migrates it and the bootstrap creates the first admin key.
    (cd "$dir" && exec env ASPNETCORE_ENVIRONMENT=Production dotnet "$service_dir/Registry.Service.dll" \
      "--ConnectionStrings:Registry=Data Source=$dir/registry.db" \
      --Registry:SubjectKey:KeyId=bench1 "--Registry:SubjectKey:Secret=$secret" \
      "--Registry:Audit:SigningKeyFile=$dir/signing.key" "--Registry:Bootstrap:AdminKeyFile=$dir/admin.key" \
      "--Urls=$base" --Kestrel:EndpointDefaults:Protocols=Http2 \
      --Logging:LogLevel:Default=Warning --Logging:LogLevel:Microsoft.AspNetCore=Warning) >"$dir/service.log" 2>&1 &
    pid=$!
    for _ in $(seq 1 120); do
      [ -s "$dir/admin.key" ] && curl -sf --http2-prior-knowledge "$base/" >/dev/null 2>&1 && break
      kill -0 "$pid" 2>/dev/null || { cat "$dir/service.log" >&2; echo "the service exited" >&2; exit 1; }
      sleep 0.5
    done
    [ -s "$dir/admin.key" ] || { cat "$dir/service.log" >&2; echo "no admin key after 60 s" >&2; exit 1; }
    log "run $run: registry import against $base (fresh database $dir/registry.db)"
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
    pid=""
    if [ "$code" != 0 ] && [ "$code" != 3 ]; then
      tail -20 "$dir/import.err" >&2
      echo "registry import exited $code (0 = all imported, 3 = some rows rejected)" >&2
      exit 1
    fi
    summary=$(tail -n 1 "$dir/import.json")
    seconds=$(awk -v ns=$((end - start)) 'BEGIN {printf "%.2f", ns / 1e9}')
    rate=$(awk -v r="$total" -v s="$seconds" 'BEGIN {printf "%.0f", r / s}')
    cli_mb=$(awk '{printf "%.0f", $1 / 1024}' "$dir/cli.maxrss" | tail -n 1)
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$run" "$seconds" "$rate" "$cli_mb" "$service_hwm" "$code" "$summary" >>"$results"
    log "run $run: $total rows in $seconds s = $rate rows/s, exit $code, CLI peak RSS $cli_mb MB, service peak RSS $service_hwm MB"
    log "  $summary"
  done
fi

median() { sort -n | awk '{v[NR] = $1} END {if (NR == 0) print "-"; else print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2)}'; }
echo
echo "import benchmark, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ), $runs runs"
echo "file $(basename "$file"): $(stat -c %s "$file") bytes; sqlite3 $(sqlite3 --version | cut -d' ' -f1)"
echo
echo "| what | median rows/s | ratio to sqlite3 .import | median peak RSS MB (CLI / service) |"
echo "| --- | --- | --- | --- |"
echo "| sqlite3 .import, bare table | $baseline | 1 | - |"
if [ "$cli" = 1 ]; then
  cli_rate=$(cut -f3 "$results" | median)
  ratio=$(awk -v c="$cli_rate" -v b="$baseline" 'BEGIN {printf "%.3f", c / b}')
  echo "| registry import (parse to commit) | $cli_rate | $ratio | $(cut -f4 "$results" | median) / $(cut -f5 "$results" | median) |"
  echo
  echo "raw CLI runs (run, seconds, rows/s, CLI peak RSS MB, service peak RSS MB, exit code, --json summary):"
  cat "$results"
fi
