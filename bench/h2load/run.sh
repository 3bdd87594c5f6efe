#!/usr/bin/env bash
# The independent benchmark of issue 8: builds Release, seeds (or reuses) a 1,000,000-record / 100,000-consent
# database, starts the built service as its own process (h2c), checks every case's grpc-status with curl, then runs
# h2load for each case, interleaved over N repetitions, at 64 calls in flight (-c 4 -m 16) and at 1 (-c 1 -m 1).
# Prints a Markdown table of medians and the raw rows. See bench/README.md.
set -euo pipefail

reps=3 seconds=10 warmup=3 port=5181 database="" records=1000000 consents=100000 work="${TMPDIR:-/tmp}/registry-h2load"
build=1 service_dir_override="" cases="plain,public-key,health,check-found,check-no-record,check-replay,check-refused" loads="64,1"
usage() {
  cat <<USAGE
usage: bench/h2load/run.sh [--reps 3] [--seconds 10] [--warmup 3] [--port 5181] [--database SEEDED.db]
                           [--records 1000000] [--consents 100000] [--work-dir DIR] [--no-build] [--service-dir DIR]
                           [--cases plain,public-key,health,check-found,check-no-record,check-replay,check-refused,check-batch] [--loads 64,1]
  --database   reuse this seeded database (and its .manifest.json); seeded there first when it does not exist.
               Default: WORK/seed/registry-RECORDS-CONSENTS.db, reused when present. The service runs on a copy.
  --service-dir  run the service built in DIR (default: this tree's Release build), e.g. an earlier commit's.
  --seconds    h2load's measured duration per run (-D); --warmup: one unmeasured run per case before the first rep.
  --loads      64 = -c 4 -m 16; 1 = -c 1 -m 1; rN = -c 4 -m 16 --rps N/4: N calls/s in all, for latency at a
               fixed rate (e.g. r6000 for half of a 12,000/s maximum).
USAGE
}
while [ $# -gt 0 ]; do
  case "$1" in
    --reps) reps=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --database) database=$2; shift 2 ;;
    --records) records=$2; shift 2 ;;
    --consents) consents=$2; shift 2 ;;
    --work-dir) work=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    --service-dir) service_dir_override=$2; shift 2 ;;
    --cases) cases=$2; shift 2 ;;
    --loads) loads=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option $1" >&2; usage >&2; exit 1 ;;
  esac
done

root=$(cd "$(dirname "$0")/../.." && pwd)
command -v h2load >/dev/null || { echo "h2load is missing: apt-get install -y nghttp2-client" >&2; exit 1; }
command -v curl >/dev/null || { echo "curl is missing" >&2; exit 1; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
mkdir -p "$work"
work=$(cd "$work" && pwd)
log() { echo "[$(date +%T)] $*" >&2; }

if [ "$build" = 1 ]; then
  log "dotnet build Registry.sln -c Release"
  dotnet build "$root/Registry.sln" -c Release -v quiet -nologo >"$work/build.log" 2>&1 || { tail -30 "$work/build.log" >&2; exit 1; }
fi
seed_dll="$root/bench/Registry.Bench.Seed/bin/Release/net10.0/Registry.Bench.Seed.dll"
service_dir=${service_dir_override:-$root/Registry.Service/bin/Release/net10.0}

database=${database:-$work/seed/registry-$records-$consents.db}
database=$(realpath -m "$database")
if [ -f "$database" ] && [ -f "$database.manifest.json" ]; then
  log "reusing the seeded database $database"
else
  log "seeding $database ($records records, $consents consents)"
  dotnet "$seed_dll" seed --database "$database" --records "$records" --consents "$consents" --overwrite true
fi

# The service writes audit entries and consent uses: run it on a copy so that the seeded file stays as seeded.
run="$work/run"
rm -rf "$run" && mkdir -p "$run/bodies"
cp "$database" "$run/registry.db"
dotnet "$seed_dll" encode --manifest "$database.manifest.json" --out "$run/bodies" >/dev/null
# h2load repeats one body: lift the 100-use limit of the consents the bodies use again and again (this copy only).
command -v sqlite3 >/dev/null || { echo "sqlite3 is missing: apt-get install -y sqlite3" >&2; exit 1; }
sqlite3 "$run/registry.db" <"$run/bodies/lift-uses.sql"
# shellcheck disable=SC1091
. "$run/bodies/keys.env"

base="http://127.0.0.1:$port"
log "starting the service on $base (h2c) from $run"
# Every setting is given explicitly, so nothing depends on the working directory or appsettings.json.
(cd "$run" && exec env ASPNETCORE_ENVIRONMENT=Production dotnet "$service_dir/Registry.Service.dll" \
  "--ConnectionStrings:Registry=Data Source=$run/registry.db" \
  "--Registry:SubjectKey:KeyId=$SUBJECT_KEY_ID" "--Registry:SubjectKey:Secret=$SUBJECT_KEY_SECRET" \
  "--Registry:Audit:SigningKey=$SIGNING_KEY" \
  `# one partner drives the whole load: its quota is lifted (the quota's own cost stays measured)` \
  --Registry:Quotas:PermitsPerSecond=1000000 --Registry:Quotas:Burst=10000000 --Registry:Enumeration:Enabled=false \
  "--Urls=$base" --Kestrel:EndpointDefaults:Protocols=Http2 \
  --Logging:LogLevel:Default=Warning --Logging:LogLevel:Microsoft.AspNetCore=Warning) >"$run/service.log" 2>&1 &
pid=$!
cleanup() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
trap cleanup EXIT
for _ in $(seq 1 120); do
  curl -sf --http2-prior-knowledge "$base/" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || { cat "$run/service.log" >&2; echo "the service exited" >&2; exit 1; }
  sleep 0.5
done
curl -sf --http2-prior-knowledge "$base/" >/dev/null || { cat "$run/service.log" >&2; echo "the service does not answer" >&2; exit 1; }

# case -> "path|key|body|expected grpc-status|expected outcome"
declare -A spec=(
  [plain]="/|||-|-"
  [public-key]="/registry.v1.AuditService/GetPublicKey|$AUDITOR_KEY|public-key.bin|0|-"
  [health]="/grpc.health.v1.Health/Check||health.bin|0|-"
  [check-found]="/registry.v1.CheckService/Check|$PARTNER_KEY|check-found.bin|0|RecordFound"
  [check-no-record]="/registry.v1.CheckService/Check|$PARTNER_KEY|check-no-record.bin|0|NoRecord"
  [check-replay]="/registry.v1.CheckService/Check|$PARTNER_KEY|check-replay.bin|0|RecordFound"
  [check-refused]="/registry.v1.CheckService/Check|$PARTNER_KEY|check-refused.bin|7|-"
  [check-batch]="/registry.v1.CheckService/CheckBatch|$PARTNER_KEY|check-batch.bin|0|-"
)
IFS=, read -r -a case_list <<<"$cases"
IFS=, read -r -a load_list <<<"$loads"

# One curl call per case: the grpc-status trailer (h2load counts any HTTP 200 as a success) and the check's outcome.
# Every check-found/no-record/refused/batch call is a new audited check (no request id, a new use each time); the
# first check-replay call uses its consent once and every later one repeats its request id (answered unaudited).
for c in "${case_list[@]}"; do
  IFS='|' read -r path key body want outcome <<<"${spec[$c]:?unknown case $c}"
  args=(-sS --http2-prior-knowledge -D "$run/$c.headers" -o "$run/$c.response")
  if [ -n "$body" ]; then
    args+=(-H 'content-type: application/grpc' -H 'te: trailers' --data-binary "@$run/bodies/$body")
  fi
  [ -n "$key" ] && args+=(-H "authorization: Bearer $key")
  curl "${args[@]}" "$base$path"
  status=$(grep -i '^grpc-status:' "$run/$c.headers" | head -1 | tr -d '\r' | awk '{print $2}' || true)
  http=$(head -1 "$run/$c.headers" | awk '{print $2}')
  if [ "$want" = "-" ]; then
    [ "$http" = 200 ] && [ -z "$status" ] || { echo "FAIL $c: HTTP $http grpc-status '${status}'" >&2; cat "$run/$c.headers" >&2; exit 1; }
  elif [ "$status" != "$want" ]; then
    echo "FAIL $c: grpc-status '${status}', expected $want" >&2; cat "$run/$c.headers" >&2; exit 1
  fi
  got="-"
  [ "$outcome" != "-" ] && got=$(dotnet "$seed_dll" decode-check "$run/$c.response")
  [ "$got" = "$outcome" ] || { echo "FAIL $c: outcome $got, expected $outcome" >&2; exit 1; }
  log "verified $c: HTTP $http, grpc-status ${status:-none}${outcome:+, outcome $got}"
done

ticks=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
rss_mb() { awk '/^VmRSS:/ {printf "%.0f", $2 / 1024}' "/proc/$pid/status"; }

# Waits (at most 120 s) until the service is idle: a check abandoned by h2load at the end of a run keeps running on
# the server (issue 8), and at 1M records such a backlog would otherwise starve the next run.
settle() {
  local start a b
  start=$(date +%s)
  while :; do
    a=$(cpu_ticks); sleep 0.5; b=$(cpu_ticks)
    [ $((b - a)) -le $((ticks / 20)) ] && break
    [ $(($(date +%s) - start)) -ge 120 ] && { log "the service is still busy after 120 s; going on"; break; }
  done
  local waited=$(($(date +%s) - start))
  [ "$waited" -ge 2 ] && log "waited ${waited}s for the service to go idle"
  return 0
}

# run CASE LOAD SECONDS -> prints "calls calls/s mean_ms p99_ms max_ms cpu_ms_per_call rss_mb errors"
h2() {
  local c=$1 load=$2 secs=$3 path key body want outcome conn streams rate=""
  IFS='|' read -r path key body want outcome <<<"${spec[$c]}"
  case "$load" in
    1) conn=1 streams=1 ;;
    r*) conn=4 streams=16 rate=$(( ${load#r} / 4 )) ;; # a fixed rate (calls/s in all), up to 64 in flight
    *) conn=4 streams=$((load / 4)) ;;
  esac
  local args=(-c "$conn" -m "$streams" -t 1 -D "$secs" --log-file="$run/h2load.log")
  [ -n "$rate" ] && args+=(--rps="$rate")
  if [ -n "$body" ]; then
    args+=(-H 'content-type: application/grpc' -H 'te: trailers' -d "$run/bodies/$body")
  fi
  [ -n "$key" ] && args+=(-H "authorization: Bearer $key")
  local before after
  rm -f "$run/h2load.log" # h2load appends to it
  settle
  before=$(cpu_ticks)
  h2load "${args[@]}" "$base$path" >"$run/h2load.out" 2>&1 || true
  after=$(cpu_ticks)
  # Per-request log: start (µs since epoch), HTTP status, µs to the end of the response.
  local stats
  stats=$(awk -F'\t' '$2 == 200 {print $3}' "$run/h2load.log" | sort -n | awk -v secs="$secs" '
    {v[NR] = $1; s += $1} END {
      if (NR == 0) {print "0 0 NaN NaN NaN"; exit}
      i = int(NR * 0.99 + 0.999); if (i < 1) i = 1; if (i > NR) i = NR
      printf "%d %.1f %.3f %.3f %.3f\n", NR, NR / secs, s / NR / 1000, v[i] / 1000, v[NR] / 1000 }')
  local calls errors
  calls=$(echo "$stats" | awk '{print $1}')
  errors=$(awk '$1 == "requests:" {print $2 - $8}' "$run/h2load.out")
  local cpu
  cpu=$(awk -v d=$((after - before)) -v t="$ticks" -v n="$calls" 'BEGIN {if (n > 0) printf "%.3f", d * 1000 / t / n; else print "NaN"}')
  echo "$stats $cpu $(rss_mb) ${errors:-?}"
}

if [ "$warmup" -gt 0 ]; then
  for c in "${case_list[@]}"; do
    log "warm-up $c (${warmup}s, 64 in flight, not counted)"
    h2 "$c" 64 "$warmup" >/dev/null
  done
fi

rows="$run/rows.tsv"
: >"$rows"
for rep in $(seq 1 "$reps"); do
  for load in "${load_list[@]}"; do
    for c in "${case_list[@]}"; do
      line=$(h2 "$c" "$load" "$seconds")
      printf '%s\t%s\t%s\t%s\n' "$rep" "$load" "$c" "$line" | tr ' ' '\t' >>"$rows"
      log "rep $rep, $load in flight, $c: $line (calls calls/s mean p99 max ms, cpu ms/call, rss MB, errors)"
    done
  done
done

echo
echo "h2load, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ), $reps reps x ${seconds}s, database $(basename "$database")"
echo "Latency per request from h2load's --log-file (sorted: mean, p99, max); server CPU = utime+stime of the service process"
echo "over the run / calls; RSS = the service's VmRSS after the run. Allocations per call: not measured here (see bench/README.md)."
echo
echo "| case | in flight | median calls/s | median mean ms | median p99 ms | median server CPU ms/call | median RSS MB | errors |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
for load in "${load_list[@]}"; do
  for c in "${case_list[@]}"; do
    awk -F'\t' -v c="$c" -v l="$load" '$2 == l && $3 == c' "$rows" | awk -F'\t' -v c="$c" -v l="$load" '
      function median(a, n,   i, j, t) { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) {t = a[i]; a[i] = a[j]; a[j] = t}
        return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
      {n++; r[n] = $5; m[n] = $6; p[n] = $7; u[n] = $9; s[n] = $10; e += $11}
      END {if (n) printf "| %s | %s | %.0f | %.3f | %.3f | %.3f | %.0f | %d |\n", c, l, median(r, n), median(m, n), median(p, n), median(u, n), median(s, n), e}'
  done
done
echo
echo "raw rows (rep, in flight, case, calls, calls/s, mean ms, p99 ms, max ms, server CPU ms/call, RSS MB, errors):"
cat "$rows"
