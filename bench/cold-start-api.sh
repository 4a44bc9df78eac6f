#!/usr/bin/env bash
# Benchmark: cold start of the REST API Lambda handler. Each run is a fresh JVM on the shaded jar
# (lambdas/api/target/lake-api.jar) that instantiates the handler and handles its first API
# Gateway event against a local lake (s3proxy, DynamoDB Local, fake SQS and IAM, started once);
# the time is from process launch to the first handled event. Beside it, a minimal handler that
# builds the same SDK clients and answers a constant. Prints the median of N runs (default 7) for
# the default JVM and for -XX:TieredStopAtLevel=1 -XX:+UseSerialGC, and the jar's size.
# Before measuring, every route group runs once through the jar (a smoke test of the shading).
# A last line per JVM setting runs the SnapStart priming hook during init: its "first event" is
# what a restored snapshot's first request would cost, its total is not a SnapStart figure.
# Usage: bench/cold-start-api.sh [N] [--no-build]
set -euo pipefail
[[ -n "${BENCH_TRACE:-}" ]] && { PS4='+ $(date +%T.%3N) '; set -x; }
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-7}"
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

# One cold start: prints the ms from launch to the first handled event, and init/first-event split.
cold_start() { # handler event jvm-options...
  local handler="$1" event="$2"; shift 2
  local launched out
  launched=$(date +%s%3N)
  out=$(java "$@" -cp "$cp_run" io.datalake.lambda.api.bench.ColdStart $handler "$event" | grep '^handled')
  awk -v launched="$launched" '{ split($4, a, "="); split($5, b, "="); print $2 - launched, a[2], b[2], $3 }' <<< "$out"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

measure() { # label handler event jvm-options...
  local label="$1" handler="$2" event="$3"; shift 3
  : > "$work/times"
  for _ in $(seq 1 "$runs"); do cold_start "$handler" "$event" "$@" >> "$work/times"; done
  local status
  status=$(awk '{ print $4 }' "$work/times" | sort -u | tr '\n' ' ')
  printf "  %-44s %5s ms  (init %s ms, first event %s ms; status %s)\n" "$label" \
    "$(awk '{ print $1 }' "$work/times" | median)" "$(awk '{ print $2 }' "$work/times" | median)" \
    "$(awk '{ print $3 }' "$work/times" | median)" "$status"
}

echo
echo "cold start, launch to first handled event, median of $runs runs on $(nproc) cores ($(java -version 2>&1 | head -1)):"
for jvm in "default" "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"; do
  opts=(); [[ "$jvm" != default ]] && read -r -a opts <<< "$jvm"
  echo " JVM options: $jvm"
  measure "minimal handler (same SDK clients, no calls)" io.datalake.lambda.api.bench.MinimalHandler "$events/get-update.json" ${opts[@]+"${opts[@]}"}
  measure "api: GET update (DynamoDB + S3)" io.datalake.lambda.api.ApiHandler "$events/get-update.json" ${opts[@]+"${opts[@]}"}
  measure "api: POST update (DynamoDB + S3 + SQS)" io.datalake.lambda.api.ApiHandler "$events/post-update-drop-key.json" ${opts[@]+"${opts[@]}"}
  # What SnapStart's priming buys the first event: the hook runs in init (a snapshot would hold its result).
  measure "api: GET update, primed in init" "--prime io.datalake.lambda.api.ApiHandler" "$events/get-update.json" ${opts[@]+"${opts[@]}"}
done
echo
echo "jar: $jar, $(stat -c %s "$jar") bytes ($(unzip -l "$jar" | tail -1 | awk '{ print $2 }') entries)"
