#!/usr/bin/env bash
# The soak of issue 10 (item 7), one command: builds Release when needed, seeds a registry when missing
# (200,000 records and 100,000 consents by default), then runs bench/Registry.Bench.Soak, which starts the built service
# as its own process on a copy of it, measures the maximum check rate, runs checks, grants, revocations and imports at
# 70 % of it for --minutes, and verifies the audit log online and offline. Exit 0 when every verdict holds, 2 when not.
# See bench/README.md ("Soak") and docs/reliability.md.
set -euo pipefail

minutes=10 records=200000 consents=100000 database="" work="${TMPDIR:-/tmp}/registry-soak" build=auto port=5183
extra=()
usage() {
  cat <<USAGE
usage: bench/soak/run.sh [--minutes 10] [--records 200000] [--consents 100000] [--database SEEDED.db] [--work-dir DIR]
                         [--port 5183] [--build | --no-build] [any Registry.Bench.Soak option, e.g. --rate 1500 --fraction 0.7]
  --database  a seeded database (and its .manifest.json) to reuse; seeded there when missing.
              Default: WORK/seed/registry-RECORDS-CONSENTS.db, reused when present. The service runs on a copy.
  --build     always build; the default builds only when a needed Release output is missing.
USAGE
}
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) minutes=$2; shift 2 ;;
    --records) records=$2; shift 2 ;;
    --consents) consents=$2; shift 2 ;;
    --database) database=$2; shift 2 ;;
    --work-dir) work=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --build) build=1; shift ;;
    --no-build) build=0; shift ;;
    -h|--help) usage; exit 0 ;;
    --*) [ $# -ge 2 ] || { usage >&2; exit 1; }; extra+=("$1" "$2"); shift 2 ;;
    *) echo "unknown argument $1" >&2; usage >&2; exit 1 ;;
  esac
done

root=$(cd "$(dirname "$0")/../.." && pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
mkdir -p "$work"
work=$(cd "$work" && pwd)
log() { echo "[$(date +%T)] $*" >&2; }

release=net10.0
seed_dll="$root/bench/Registry.Bench.Seed/bin/Release/$release/Registry.Bench.Seed.dll"
soak_dll="$root/bench/Registry.Bench.Soak/bin/Release/$release/Registry.Bench.Soak.dll"
service_dll="$root/Registry.Service/bin/Release/$release/Registry.Service.dll"
cli_dll="$root/Registry.Cli/bin/Release/$release/registry.dll"
missing=0
for dll in "$seed_dll" "$soak_dll" "$service_dll" "$cli_dll"; do [ -f "$dll" ] || missing=1; done
if [ "$build" = 1 ] || { [ "$build" = auto ] && [ "$missing" = 1 ]; }; then
  log "dotnet build Registry.sln -c Release"
  dotnet build "$root/Registry.sln" -c Release -v quiet -nologo >"$work/build.log" 2>&1 || { tail -30 "$work/build.log" >&2; exit 1; }
fi

database=${database:-$work/seed/registry-$records-$consents.db}
database=$(realpath -m "$database")
if [ -f "$database" ] && [ -f "$database.manifest.json" ]; then
  log "reusing the seeded database $database"
else
  log "seeding $database ($records records, $consents consents)"
  mkdir -p "$(dirname "$database")"
  dotnet "$seed_dll" seed --database "$database" --records "$records" --consents "$consents" --overwrite true
fi

log "soak: $minutes min (load average $(cut -d' ' -f1-3 /proc/loadavg))"
exec dotnet "$soak_dll" --database "$database" --service-dll "$service_dll" --cli-dll "$cli_dll" \
  --work-dir "$work" --port "$port" --minutes "$minutes" "${extra[@]}"
