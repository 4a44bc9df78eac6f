#!/usr/bin/env bash
# Benchmark: cold start of the REST API Lambda handler. Each run is a fresh JVM on the shaded jar
# (lambdas/api/target/lake-api.jar) that instantiates the handler and handles its first API
# Gateway event against a local lake (s3proxy, DynamoDB Local, fake SQS and IAM, started once);
# the time is from process launch to the first handled event. Beside it, a minimal handler that
# builds the same SDK clients and answers a constant. Prints the median of N runs (default 9) for
# the default JVM and for -XX:TieredStopAtLevel=1 -XX:+UseSerialGC, and the jar's size.
# Before measuring, every route group runs once through the jar (a smoke test of the shading).
# A last line per JVM setting runs the SnapStart priming hook during init: its "first event" is
# what a restored snapshot's first request would cost, its total is not a SnapStart figure.
# Usage: bench/cold-start-api.sh [N] [--no-build]
set -euo pipefail
[[ -n "${BENCH_TRACE:-}" ]] && { PS4='+ $(date +%T.%3N) '; set -x; }
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-9}"
module="$root/lambdas/api"
jar="$module/target/lake-api.jar"
events="$module/src/test/resources/events"
work="$(mktemp -d)"
lake_pid=""
cleanup() {
  if [[ -n "$lake_pid" ]]; then
    exec 3>&-   # EOF on the local lake's standard input: it stops its servers and exits
    for _ in $(seq 1 50); do kill -0 "$lake_pid" 2>/dev/null || break; sleep 0.1; done
    kill "$lake_pid" 2>/dev/null || true
    wait "$lake_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

if [[ "${2:-}" != "--no-build" ]]; then
  (cd "$root" && ./mvnw -q -B -o -pl lambdas/api -am package -DskipTests)
fi
# The reactor resolves sibling modules to their target/classes only within a build that compiles them.
(cd "$root" && ./mvnw -q -B -o -pl lambdas/api -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$work/test.classpath")
test_cp="$module/target/test-classes:$module/target/classes:$(cat "$work/test.classpath")"

# The local lake, in its own JVM; it stops when its standard input (fd 3 here) closes.
mkfifo "$work/lake.in"
java -cp "$test_cp" io.datalake.lambda.api.bench.BenchLake "$work/lake" < "$work/lake.in" > "$work/lake.out" 2>&1 &
lake_pid=$!
exec 3>"$work/lake.in"
for _ in $(seq 1 300); do grep -q READY "$work/lake.out" 2>/dev/null && break; sleep 0.1; done
grep -q READY "$work/lake.out" || { cat "$work/lake.out"; echo "the local lake did not start" >&2; exit 1; }
# shellcheck disable=SC1091
source "$work/lake/bench.env"

# Only the jar and the benchmark's driver classes: what Lambda would load.
mkdir -p "$work/driver/io/datalake/lambda/api/bench"
cp "$module"/target/test-classes/io/datalake/lambda/api/bench/{ColdStart,MinimalHandler}.class "$work/driver/io/datalake/lambda/api/bench/"
cp_run="$jar:$work/driver"

echo "smoke test of the shaded jar (every route group, no 500):"
java -cp "$cp_run" io.datalake.lambda.api.bench.ColdStart io.datalake.lambda.api.ApiHandler \
  "$events/list-datasets.json" "$events/get-dataset.json" "$events/list-updates.json" "$events/get-update.json" \
  "$events/get-update-missing.json" "$events/post-update-drop-key.json" "$events/post-update-unknown-field.json" \
  "$events/post-grant.json" "$events/list-grants.json" "$events/delete-grant.json" "$events/get-lineage.json" \
  "$events/list-runs.json" "$events/proxy-wrong-method.json" | grep '^status' | sed 's/^status /  /'

# One cold start: prints the ms from launch to the first handled event, the init/first-event split,
# the status and the process's CPU time in ms (user + system, which other load on the machine
# disturbs less than wall time).
cold_start() { # handler event jvm-options...
  local handler="$1" event="$2"; shift 2
  local launched out cpu
  launched=$(date +%s%3N)
  out=$(/usr/bin/time -f '%U %S' -o "$work/cpu" java "$@" -cp "$cp_run" io.datalake.lambda.api.bench.ColdStart $handler "$event" \
    | grep '^handled')
  cpu=$(awk '{ printf "%d", ($1 + $2) * 1000 }' "$work/cpu")
  awk -v launched="$launched" -v cpu="$cpu" '{ split($4, a, "="); split($5, b, "="); print $2 - launched, a[2], b[2], $3, cpu }' <<< "$out"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

# label|handler|event for each variant; the runs interleave the variants, so a burst of load on
# the machine falls on all of them rather than on one.
variants=(
  "minimal handler (same SDK clients, no calls)|io.datalake.lambda.api.bench.MinimalHandler|$events/get-update.json"
  "api: GET update (DynamoDB + S3)|io.datalake.lambda.api.ApiHandler|$events/get-update.json"
  "api: POST update (DynamoDB + S3 + SQS)|io.datalake.lambda.api.ApiHandler|$events/post-update-drop-key.json"
  # What SnapStart's priming buys the first event: the hook runs in init (a snapshot would hold its result).
  "api: GET update, primed in init|--prime io.datalake.lambda.api.ApiHandler|$events/get-update.json"
)

echo
echo "cold start, launch to first handled event, median of $runs runs on $(nproc) cores ($(java -version 2>&1 | head -1));"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for jvm in "default" "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"; do
  opts=(); [[ "$jvm" != default ]] && read -r -a opts <<< "$jvm"
  echo " JVM options: $jvm"
  for v in "${!variants[@]}"; do : > "$work/times.$v"; done
  for _ in $(seq 1 "$runs"); do
    for v in "${!variants[@]}"; do
      IFS='|' read -r _ handler event <<< "${variants[$v]}"
      cold_start "$handler" "$event" ${opts[@]+"${opts[@]}"} >> "$work/times.$v"
    done
  done
  for v in "${!variants[@]}"; do
    IFS='|' read -r label _ _ <<< "${variants[$v]}"
    t="$work/times.$v"
    printf "  %-44s %5s ms  (init %s ms, first event %s ms; CPU %s ms; status %s)\n" "$label" \
      "$(awk '{ print $1 }' "$t" | median)" "$(awk '{ print $2 }' "$t" | median)" \
      "$(awk '{ print $3 }' "$t" | median)" "$(awk '{ print $5 }' "$t" | median)" \
      "$(awk '{ print $4 }' "$t" | sort -u | tr '\n' ' ' | sed 's/ $//')"
  done
done
echo
echo "jar: $jar, $(stat -c %s "$jar") bytes ($(unzip -l "$jar" | tail -1 | awk '{ print $2 }') entries)"
