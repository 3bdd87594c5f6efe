#!/usr/bin/env bash
# Scaling on PostgreSQL (issue 11, item 3): 1, 2 and 3 replicas of the built service (Release) on one throw-away
# PostgreSQL of this script's own, seeded at national scale (1,000,000 records, 100,000 consents), each
# (repetition, N) on a fresh copy of the seeded database (CREATE DATABASE ... TEMPLATE). Per case it records calls/s,
# latency, the replicas' CPU per call, PostgreSQL's CPU per call, the load generator's CPU per call, and the write path
# (commits, WAL bytes/records/syncs per call). Prints a Markdown table of medians and the raw rows. See docs/scaling.md.
set -euo pipefail

reps=3 seconds=12 warmup=5 stats_wait=11 replicas="1,2,3" in_flight=64
cases="h2-public-key,public-key,h2-check-retry,check-use"
work="${TMPDIR:-/tmp}/registry-scaling" pg_port=54391 base_port=5291 build=1 reseed=0 keep_pg=0
records=1000000 consents=100000 pg_bin=/usr/lib/postgresql/15/bin shared_buffers=1GB
load_below=2 load_deadline=900 service_dir_option=""
usage() {
  cat <<USAGE
usage: bench/scaling/run.sh [--reps 3] [--seconds 12] [--warmup 5] [--stats-wait 11] [--replicas 1,2,3] [--in-flight 64]
                            [--cases h2-public-key,public-key,h2-check-retry,check-use] [--work-dir DIR]
                            [--pg-port 54391] [--base-port 5291] [--pg-bin /usr/lib/postgresql/15/bin] [--shared-buffers 1GB]
                            [--records 1000000] [--consents 100000] [--reseed] [--keep-pg] [--no-build]
                            [--load-below 2] [--load-deadline 900] [--service-dir DIR]
  Cases (all with --in-flight calls in flight in all, spread over the N replicas):
    h2-public-key   h2load, AuditService/GetPublicKey (no database): the baseline for h2load's cases.
    h2-check-retry  h2load, Check RECORD_FOUND, one body per replica (its own consent and request id): after the
                    first call each call is a retry given the first answer again (consent and records read, no
                    write: since the retry rule of issue 12, a retry with an unchanged answer is not audited again).
    public-key      the script's own HTTP/2 driver (Registry.Bench.Seed drive), GetPublicKey: the baseline for check-use.
    check-use       the driver, Check RECORD_FOUND with a different consent and request id on every call: every call
                    is a real first use (audit entry + consent use-count UPDATE in one commit).
  --seconds     measured duration per case; --warmup: each case once, unmeasured, after the replicas start.
  --stats-wait  seconds to wait after a database case before reading PostgreSQL's statistics (idle backends flush
                theirs up to 10 s late), and so before the next case.
  --work-dir    holds the PostgreSQL data directory (kept between invocations with --keep-pg, or reused when present),
                the seeded manifest, the bodies and the logs. The seeded database is reused unless --reseed.
  --service-dir run the service built in DIR (holding Registry.Service.dll) instead of this tree's Release build,
                e.g. an older commit's for a before/after.
  --load-below  before the first measured case, wait (at most --load-deadline s) for the 1-minute load average to
                drop below this; the table's header records what it was.
USAGE
}
while [ $# -gt 0 ]; do
  case "$1" in
    --reps) reps=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --stats-wait) stats_wait=$2; shift 2 ;;
    --replicas) replicas=$2; shift 2 ;;
    --in-flight) in_flight=$2; shift 2 ;;
    --cases) cases=$2; shift 2 ;;
    --work-dir) work=$2; shift 2 ;;
    --pg-port) pg_port=$2; shift 2 ;;
    --base-port) base_port=$2; shift 2 ;;
    --pg-bin) pg_bin=$2; shift 2 ;;
    --shared-buffers) shared_buffers=$2; shift 2 ;;
    --records) records=$2; shift 2 ;;
    --consents) consents=$2; shift 2 ;;
    --reseed) reseed=1; shift ;;
    --keep-pg) keep_pg=1; shift ;;
    --no-build) build=0; shift ;;
    --service-dir) service_dir_option=$2; shift 2 ;;
    --load-below) load_below=$2; shift 2 ;;
    --load-deadline) load_deadline=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option $1" >&2; usage >&2; exit 1 ;;
  esac
done

root=$(cd "$(dirname "$0")/../.." && pwd)
for tool in h2load curl "$pg_bin/pg_ctl" "$pg_bin/psql" "$pg_bin/pg_waldump"; do
  command -v "$tool" >/dev/null || { echo "$tool is missing (apt-get install -y nghttp2-client curl postgresql)" >&2; exit 1; }
done
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
mkdir -p "$work"
work=$(cd "$work" && pwd)
log() { echo "[$(date +%T)] $*" >&2; }
loadavg() { cut -d' ' -f1 /proc/loadavg; }

if [ "$build" = 1 ]; then
  log "dotnet build Registry.sln -c Release"
  dotnet build "$root/Registry.sln" -c Release -v quiet -nologo >"$work/build.log" 2>&1 || { tail -30 "$work/build.log" >&2; exit 1; }
fi
seed_dll="$root/bench/Registry.Bench.Seed/bin/Release/net10.0/Registry.Bench.Seed.dll"
if [ -n "$service_dir_option" ]; then
  # resolved against the caller's directory now: the replicas are started from their own run folders
  service_dir=$(cd "$service_dir_option" && pwd) || { echo "--service-dir $service_dir_option is not a directory" >&2; exit 1; }
  [ -f "$service_dir/Registry.Service.dll" ] || { echo "$service_dir holds no Registry.Service.dll" >&2; exit 1; }
else
  service_dir="$root/Registry.Service/bin/Release/net10.0"
fi
[ -f "$service_dir/Registry.Service.dll" ] || { echo "no Registry.Service.dll in $service_dir" >&2; exit 1; }

# --- PostgreSQL: the script's own server -------------------------------------------------------------------------
# Durability as a ministry would run it: fsync and synchronous_commit on (every audit entry is on disk before its
# check is answered), full_page_writes on. shared_buffers holds the whole seeded database (602 MB); max_wal_size
# keeps checkpoints out of the runs (each reset by CREATE DATABASE ... FILE_COPY checkpoints anyway).
pg="$work/pg"
as_pg=()
if [ "$(id -u)" = 0 ]; then as_pg=(runuser -u postgres --); fi
if [ ! -f "$pg/data/PG_VERSION" ]; then
  mkdir -p "$pg"
  [ "$(id -u)" = 0 ] && chown postgres "$pg"
  log "initdb $pg/data"
  "${as_pg[@]}" "$pg_bin/initdb" --auth=trust -D "$pg/data" >"$work/initdb.log" 2>&1 || { cat "$work/initdb.log" >&2; exit 1; }
fi
pg_settings="-p $pg_port -k $pg -h 127.0.0.1 -c shared_buffers=$shared_buffers -c max_connections=300 -c max_wal_size=4GB \
-c fsync=on -c synchronous_commit=on -c full_page_writes=on -c track_wal_io_timing=on -c track_io_timing=on"
pids=()
stop_replicas() {
  local p
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  pids=()
}
cleanup() {
  stop_replicas
  if [ "$keep_pg" = 0 ] && [ -f "$pg/data/postmaster.pid" ]; then
    "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg/data" -m fast stop >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT
if ! "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg/data" status >/dev/null 2>&1; then
  log "starting PostgreSQL on 127.0.0.1:$pg_port ($pg_settings)"
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg/data" -o "$pg_settings" -l "$pg/log" -w start >/dev/null
fi
server="Host=127.0.0.1;Port=$pg_port;Username=postgres"
psql_() { "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -v ON_ERROR_STOP=1 -qtAX "$@"; }
postmaster=$(head -1 "$pg/data/postmaster.pid")
pg_version=$(psql_ -d postgres -c "SHOW server_version")

manifest="$work/seeded.manifest.json"
if [ "$reseed" = 0 ] && [ -f "$manifest" ] && [ "$(psql_ -d postgres -c "SELECT count(*) FROM pg_database WHERE datname = 'seeded'")" = 1 ]; then
  log "reusing the seeded database 'seeded' and $manifest"
else
  log "seeding 'seeded' ($records records, $consents consents)"
  psql_ -d postgres -c "DROP DATABASE IF EXISTS run WITH (FORCE)"
  dotnet "$seed_dll" seed --provider postgres --connection "$server;Database=seeded" --manifest "$manifest" \
    --records "$records" --consents "$consents" --overwrite true 2>&1 | tee "$work/seed.log" >&2
fi

# One body directory per replica: its own consent and request id for h2-check-retry (h2load sends one body).
run="$work/run"
rm -rf "$run" && mkdir -p "$run"
max_n=$(tr ',' '\n' <<<"$replicas" | sort -n | tail -1)
for i in $(seq 1 "$max_n"); do
  dotnet "$seed_dll" encode --manifest "$manifest" --out "$run/bodies$i" --pick "$i" >/dev/null
done
# shellcheck disable=SC1091
. "$run/bodies1/keys.env"

# --- the replicas --------------------------------------------------------------------------------------------------
start_replicas() { # N
  local n=$1 i port
  for i in $(seq 1 "$n"); do
    port=$((base_port + i))
    # Every setting on the command line; all replicas share K and the audit signing key.
    (cd "$run" && exec env ASPNETCORE_ENVIRONMENT=Production dotnet "$service_dir/Registry.Service.dll" \
      --Registry:Database:Provider=Postgres "--ConnectionStrings:Registry=$server;Database=run" \
      "--Registry:SubjectKey:KeyId=$SUBJECT_KEY_ID" "--Registry:SubjectKey:Secret=$SUBJECT_KEY_SECRET" \
      "--Registry:Audit:SigningKey=$SIGNING_KEY" \
      `# one partner drives the whole load: its quota is lifted (the quota's own cost stays measured)` \
      --Registry:Quotas:PermitsPerSecond=1000000 --Registry:Quotas:Burst=10000000 --Registry:Enumeration:Enabled=false \
      "--Urls=http://127.0.0.1:$port" --Kestrel:EndpointDefaults:Protocols=Http2 \
      --Logging:LogLevel:Default=Warning --Logging:LogLevel:Microsoft.AspNetCore=Warning) >"$run/replica$i.log" 2>&1 &
    pids+=($!)
  done
  for i in $(seq 1 "$n"); do
    port=$((base_port + i))
    for _ in $(seq 1 240); do
      curl -sf --http2-prior-knowledge "http://127.0.0.1:$port/" >/dev/null 2>&1 && break
      kill -0 "${pids[$((i - 1))]}" 2>/dev/null || { cat "$run/replica$i.log" >&2; echo "replica $i exited" >&2; exit 1; }
      sleep 0.5
    done
    curl -sf --http2-prior-knowledge "http://127.0.0.1:$port/" >/dev/null || { cat "$run/replica$i.log" >&2; echo "replica $i does not answer" >&2; exit 1; }
  done
}

# One real call per replica and case through curl: grpc-status and, for checks, the decoded outcome (h2load counts
# any HTTP 200 as a success). Each check is a real use; h2load's later calls of check-replay repeat its request id.
verify() { # N
  local n=$1 i port c path key body want outcome status got
  for i in $(seq 1 "$n"); do
    port=$((base_port + i))
    for c in public-key check-found check-no-record check-replay; do
      case $c in
        public-key) path=/registry.v1.AuditService/GetPublicKey key=$AUDITOR_KEY want=0 outcome=- ;;
        check-found | check-replay) path=/registry.v1.CheckService/Check key=$PARTNER_KEY want=0 outcome=RecordFound ;;
        check-no-record) path=/registry.v1.CheckService/Check key=$PARTNER_KEY want=0 outcome=NoRecord ;;
      esac
      body="$run/bodies$i/$c.bin"
      curl -sS --http2-prior-knowledge -D "$run/verify.headers" -o "$run/verify.response" -H 'content-type: application/grpc' \
        -H 'te: trailers' -H "authorization: Bearer $key" --data-binary "@$body" "http://127.0.0.1:$port$path"
      status=$(grep -i '^grpc-status:' "$run/verify.headers" | head -1 | tr -d '\r' | awk '{print $2}' || true)
      [ "$status" = "$want" ] || { echo "FAIL replica $i $c: grpc-status '$status', expected $want" >&2; cat "$run/verify.headers" >&2; exit 1; }
      got=-
      [ "$outcome" != - ] && got=$(dotnet "$seed_dll" decode-check "$run/verify.response")
      [ "$got" = "$outcome" ] || { echo "FAIL replica $i $c: outcome $got, expected $outcome" >&2; exit 1; }
    done
  done
  log "verified on $n replica(s): GetPublicKey OK, Check RecordFound and NoRecord as the manifest expects"
}

# --- counters --------------------------------------------------------------------------------------------------------
ticks=$(getconf CLK_TCK)
# utime+stime of the given pids, in ticks
cpu_of() { local p s=0; for p in "$@"; do s=$((s + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0))); done; echo "$s"; }
# PostgreSQL: the postmaster with its reaped children, plus every live child
pg_cpu() {
  local s c
  s=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$postmaster/stat")
  for c in $(cat "/proc/$postmaster/task/$postmaster/children"); do s=$((s + $(awk '{print $14 + $15}' "/proc/$c/stat" 2>/dev/null || echo 0))); done
  echo "$s"
}
# the reaped children of process $1 (measure's subshell: h2load and the driver are the only ones it reaps)
client_cpu() { awk '{print $16 + $17}' "/proc/$1/stat"; }
# xact_commit xact_rollback wal_records wal_fpi wal_bytes wal_write wal_sync lsn audit_inserted consent_updates
pg_counters() {
  psql_ -d run -F ' ' -c "SELECT d.xact_commit, d.xact_rollback, w.wal_records, w.wal_fpi, w.wal_bytes, w.wal_write, w.wal_sync,
      pg_current_wal_flush_lsn(), (SELECT n_tup_ins FROM pg_stat_user_tables WHERE relname = 'audit_entries'),
      (SELECT n_tup_upd FROM pg_stat_user_tables WHERE relname = 'consents')
    FROM pg_stat_database d, pg_stat_wal w WHERE d.datname = 'run'"
}

# Waits (at most 60 s) until the replicas are idle (an abandoned call keeps running on the server).
settle() {
  local start a b
  start=$(date +%s)
  while :; do
    a=$(cpu_of "${pids[@]}"); sleep 0.5; b=$(cpu_of "${pids[@]}")
    [ $((b - a)) -le $((ticks * ${#pids[@]} / 20)) ] && break
    [ $(($(date +%s) - start)) -ge 60 ] && { log "the replicas are still busy after 60 s; going on"; break; }
  done
}

# load CASE N SECONDS -> "calls calls/s mean_ms p99_ms max_ms errors"
load() {
  local c=$1 n=$2 secs=$3 i port conn streams urls="" hp=()
  case $c in
    h2-*)
      conn=$(( n >= 4 ? 1 : 4 / n )); streams=$(( in_flight / (conn * n) ))
      for i in $(seq 1 "$n"); do
        port=$((base_port + i))
        local args=(-c "$conn" -m "$streams" -t 1 -D "$secs" --log-file="$run/h2load$i.log")
        if [ "$c" = h2-public-key ]; then
          args+=(-H 'content-type: application/grpc' -H 'te: trailers' -d "$run/bodies$i/public-key.bin" -H "authorization: Bearer $AUDITOR_KEY")
          path=/registry.v1.AuditService/GetPublicKey
        else
          args+=(-H 'content-type: application/grpc' -H 'te: trailers' -d "$run/bodies$i/check-replay.bin" -H "authorization: Bearer $PARTNER_KEY")
          path=/registry.v1.CheckService/Check
        fi
        rm -f "$run/h2load$i.log"
        h2load "${args[@]}" "http://127.0.0.1:$port$path" >"$run/h2load$i.out" 2>&1 &
        hp+=($!)
      done
      for i in "${hp[@]}"; do wait "$i" || true; done
      local errors=0 e
      for i in $(seq 1 "$n"); do
        e=$(awk '$1 == "requests:" {print $2 - $8}' "$run/h2load$i.out"); errors=$((errors + ${e:-0}))
      done
      cat "$run"/h2load*.log | awk -F'\t' '$2 == 200 {print $3}' | sort -n | awk -v secs="$secs" -v e="$errors" '
        {v[NR] = $1; s += $1} END {
          if (NR == 0) {print "0 0 NaN NaN NaN " e; exit}
          i = int(NR * 0.99 + 0.999); if (i < 1) i = 1; if (i > NR) i = NR
          printf "%d %.1f %.3f %.3f %.3f %d\n", NR, NR / secs, s / NR / 1000, v[i] / 1000, v[NR] / 1000, e }'
      ;;
    public-key|check-use)
      for i in $(seq 1 "$n"); do urls+="${urls:+,}http://127.0.0.1:$((base_port + i))"; done
      conn=$(( n >= 4 ? n : (4 / n) * n ))
      dotnet "$seed_dll" drive --manifest "$manifest" --urls "$urls" --case "$c" --in-flight "$in_flight" --connections "$conn" \
        --seconds "$secs" --offset "$RANDOM" 2>>"$run/drive.err"
      ;;
    *) echo "unknown case $c" >&2; exit 1 ;;
  esac
}

is_db_case() { [ "$1" = h2-check-retry ] || [ "$1" = check-use ]; }

# measure CASE N REP -> one raw row
measure() {
  local c=$1 n=$2 rep=$3 s0 p0 k0 g0 s1 p1 k1 g1 line la me=$BASHPID
  settle
  [ "$stats_wait" -gt 0 ] && sleep 2
  la=$(loadavg)
  g0=$(pg_counters); s0=$(cpu_of "${pids[@]}"); p0=$(pg_cpu); k0=$(client_cpu "$me")
  line=$(load "$c" "$n" "$seconds")
  k1=$(client_cpu "$me")
  # CPU up to the moment the replicas are idle again (the sequencer's trailing work included); the statistics after
  # the wait for idle backends to flush theirs.
  settle
  s1=$(cpu_of "${pids[@]}"); p1=$(pg_cpu)
  if is_db_case "$c"; then sleep "$stats_wait"; fi
  g1=$(pg_counters)
  local lsn0 lsn1 commits
  lsn0=$(awk '{print $8}' <<<"$g0"); lsn1=$(awk '{print $8}' <<<"$g1")
  # Exact count of committed write transactions from the WAL itself (read-only statements write none).
  commits=$("$pg_bin/pg_waldump" --path="$pg/data/pg_wal" --start="$lsn0" --end="$lsn1" --stats=record 2>/dev/null \
    | awk '$1 == "Transaction/COMMIT" {print $2}')
  local wal_bytes
  wal_bytes=$(psql_ -d postgres -c "SELECT pg_wal_lsn_diff('$lsn1', '$lsn0')")
  # rep n case | calls calls/s mean p99 max errors | service pg client CPU ms/call | per call: xact_commit, write
  # commits, wal bytes, wal records, wal fpi, wal syncs, audit inserts, consent updates | load average
  # The driver reports its own CPU over the window (7th field, ms); h2load's start-up is negligible.
  local k=$(( (k1 - k0) * 1000 / ticks ))
  [ "$(wc -w <<<"$line")" -ge 7 ] && k=$(awk '{print $7}' <<<"$line")
  awk -v rep="$rep" -v n="$n" -v c="$c" -v line="$line" -v s="$((s1 - s0))" -v p="$((p1 - p0))" -v k="$k" \
      -v t="$ticks" -v g0="$g0" -v g1="$g1" -v commits="${commits:-0}" -v wb="$wal_bytes" -v la="$la" 'BEGIN {
    split(line, r, " "); split(g0, a, " "); split(g1, b, " "); calls = r[1]
    if (calls == 0) calls = 1e-9
    printf "%s\t%s\t%s\t%d\t%.1f\t%.3f\t%.3f\t%.3f\t%d\t%.4f\t%.4f\t%.4f\t%.3f\t%.4f\t%.0f\t%.2f\t%.3f\t%.4f\t%.3f\t%.3f\t%s\n",
      rep, n, c, r[1], r[2], r[3], r[4], r[5], r[6],
      s * 1000 / t / calls, p * 1000 / t / calls, k / calls,
      (b[1] - a[1]) / calls, commits / calls, wb / calls, (b[3] - a[3]) / calls, (b[4] - a[4]) / calls, (b[7] - a[7]) / calls,
      (b[9] - a[9]) / calls, (b[10] - a[10]) / calls, la }'
}

IFS=, read -r -a case_list <<<"$cases"
IFS=, read -r -a n_list <<<"$replicas"
rows="$work/rows.tsv"
: >"$rows"
start_load=$(loadavg)
waited=0
for rep in $(seq 1 "$reps"); do
  # interleaved: the order of N rotates with each repetition
  order=()
  for j in $(seq 0 $((${#n_list[@]} - 1))); do order+=("${n_list[$(((j + rep - 1) % ${#n_list[@]}))]}"); done
  for n in "${order[@]}"; do
    t=$(date +%s.%N)
    psql_ -d postgres -c "DROP DATABASE IF EXISTS run WITH (FORCE)" -c "CREATE DATABASE run TEMPLATE seeded STRATEGY FILE_COPY"
    log "rep $rep, N=$n: fresh 'run' from the template in $(awk -v a="$t" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}') s; starting $n replica(s)"
    start_replicas "$n"
    verify "$n"
    if [ "$warmup" -gt 0 ]; then
      for c in "${case_list[@]}"; do load "$c" "$n" "$warmup" >/dev/null; done
    fi
    if [ "$waited" = 0 ]; then
      deadline=$(($(date +%s) + load_deadline))
      while awk -v l="$(loadavg)" -v b="$load_below" 'BEGIN {exit !(l >= b)}' && [ "$(date +%s)" -lt "$deadline" ]; do
        log "load average $(loadavg) >= $load_below; waiting (until $(date -d "@$deadline" +%T))"
        sleep 30
      done
      waited=1
      start_load=$(loadavg)
    fi
    for c in "${case_list[@]}"; do
      row=$(measure "$c" "$n" "$rep")
      echo "$row" >>"$rows"
      log "$(awk -F'\t' '{printf "rep %s N=%s %s: %s calls/s, mean %s ms, p99 %s ms, errors %s; CPU ms/call service %s, PostgreSQL %s, client %s; commits/call %s; WAL B/call %s; load %s", $1, $2, $3, $5, $6, $7, $9, $10, $11, $12, $14, $15, $21}' <<<"$row")"
    done
    stop_replicas
  done
done
end_load=$(loadavg)

echo
echo "bench/scaling/run.sh: $(nproc) cores (shared by the replicas, PostgreSQL $pg_version and the load generator), $(date -u +%FT%TZ),"
echo "$reps reps x ${seconds}s per case, $in_flight in flight in all, load average $start_load at the first measured case, $end_load at the end,"
echo "shared_buffers=$shared_buffers, fsync=on, synchronous_commit=on, full_page_writes=on, max_wal_size=4GB; database copied from 'seeded' for each (rep, N)."
echo
echo "| case | N | median calls/s | median mean ms | median p99 ms | service CPU ms/call | PostgreSQL CPU ms/call | client CPU ms/call | write commits/call | calls/commit | WAL bytes/call | WAL records/call | WAL syncs/call | xact_commit/call | ratio to its public-key (median of reps) | errors |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
for c in "${case_list[@]}"; do
  for n in "${n_list[@]}"; do
    base=public-key; [[ $c == h2-* ]] && base=h2-public-key
    awk -F'\t' -v c="$c" -v n="$n" -v base="$base" '
      function median(a, k,   i, j, t) { for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] < a[i]) {t = a[i]; a[i] = a[j]; a[j] = t}
        return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2 }
      $2 == n && $3 == base {b[$1] = $5}
      $2 == n && $3 == c {k++; rep[k] = $1; r[k] = $5; m[k] = $6; p[k] = $7; s[k] = $10; g[k] = $11; cl[k] = $12; x[k] = $13; w[k] = $14; wb[k] = $15; wr[k] = $16; ws[k] = $18; e += $9}
      END {
        if (!k) exit
        for (i = 1; i <= k; i++) { q[i] = (rep[i] in b && b[rep[i]] > 0) ? r[i] / b[rep[i]] : 0; pc[i] = w[i] > 0 ? 1 / w[i] : 0 }
        printf "| %s | %s | %.0f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.1f | %.0f | %.2f | %.3f | %.2f | %.3f | %d |\n", c, n, median(r, k), median(m, k), median(p, k),
          median(s, k), median(g, k), median(cl, k), median(w, k), median(pc, k), median(wb, k), median(wr, k), median(ws, k), median(x, k), median(q, k), e }' "$rows"
  done
done
echo
echo "raw rows (rep, N, case, calls, calls/s, mean ms, p99 ms, max ms, errors, service/PostgreSQL/client CPU ms per call, per call:"
echo "xact_commit, write commits, WAL bytes, WAL records, WAL FPI, WAL syncs, audit inserts, consent updates; load average):"
cat "$rows"
