#!/usr/bin/env bash
# Cold start of the ingest Lambda, measured locally: a fresh JVM from process start to the first
# handled event (a gzipped CSV dropped in a local drop bucket: claim, unpack, manifest, registry,
# delete) against s3proxy and DynamoDB Local, beside a baseline handler that builds the same SDK
# clients and does nothing else. Prints the median of RUNS runs per JVM setting, and the jar size.
#
#   bench/cold-start.sh [RUNS]        (default 7; builds the jar and test classes first, offline)
#
# The servers run in a helper JVM (BenchLake) started once; each timed run is
#   java <flags> -cp lambdas/ingest/target/lake-ingest.jar:bench.jar io.datalake.lambdas.ingest.bench.ColdStart ...
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
RUNS=${1:-7}
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
MODULE=lambdas/ingest
OUT=$MODULE/target/bench
JAR=$MODULE/target/lake-ingest.jar

echo "== building $JAR and the bench classes"
./mvnw -q -B -o -pl $MODULE -am package -DskipTests dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
rm -rf "$OUT" && mkdir -p "$OUT"
# The timed JVMs see only the shaded jar and the three bench classes, in a jar of their own (CDS
# refuses non-empty directories on the class path).
(cd $MODULE/target/test-classes && jar cf ../bench/bench.jar io/datalake/lambdas/ingest/bench/ColdStart.class \
  io/datalake/lambdas/ingest/bench/BaselineHandler.class)
HELPER_CP="$MODULE/target/test-classes:$MODULE/target/classes:$(cat $MODULE/target/bench-classpath.txt)"
TIMED_CP="$JAR:$OUT/bench.jar"

SETTINGS=("default" "c1" "cds")
WARMUP=2
TOTAL=$(( RUNS * ${#SETTINGS[@]} + 1 + WARMUP ))
echo "== starting s3proxy and DynamoDB Local (helper JVM), $TOTAL files dropped"
coproc HELPER { exec java -cp "$HELPER_CP" io.datalake.lambdas.ingest.bench.BenchLake "$OUT/s3" dataset-templates/examples/sales_orders.yaml "$TOTAL" 2>"$OUT/helper.err"; }
HELPER_OUT=${HELPER[0]}
trap 'kill "$HELPER_PID" 2>/dev/null || true' EXIT
while read -r -u "$HELPER_OUT" word s3 dynamo; do
  [[ $word == READY ]] && break
done
[[ ${word:-} == READY ]] || { echo "the helper JVM did not start:"; cat "$OUT/helper.err"; exit 1; }

# us-east-1: DynamoDB Local keeps a database per access key and region, and LocalDynamo's clients use us-east-1.
export LAKE_ORG=acme LAKE_ENV=bench LAKE_REGION=us-east-1 LAKE_CONVERSION=log \
  LAKE_S3_ENDPOINT="$s3" LAKE_DYNAMODB_ENDPOINT="$dynamo" \
  AWS_ACCESS_KEY_ID=lake AWS_SECRET_ACCESS_KEY=lake-local-secret AWS_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true
DROP=acme-datalake-drop-bench-internal-us-east-1
next=0

flags_of() {
  case $1 in
    default) echo "" ;;
    c1) echo "-XX:TieredStopAtLevel=1" ;;
    cds) echo "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:SharedArchiveFile=$OUT/ingest.jsa -Xshare:auto" ;;
  esac
}

one() { # handler flags... -> prints milliseconds
  local handler=$1; shift
  local key="bench_orders/run-$next.csv.gz"
  [[ $handler == ingest ]] && next=$((next + 1))
  local line
  java "$@" -Dbench.t0="$(date +%s%N)" -cp "$TIMED_CP" io.datalake.lambdas.ingest.bench.ColdStart "$handler" "$DROP" "$key" \
    >"$OUT/run.log" 2>&1 || { echo "the $handler run failed:" >&2; tail -5 "$OUT/run.log" >&2; exit 1; }
  line=$(grep '^COLD ' "$OUT/run.log")
  echo "$line" | awk '{print $3}'
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2)}'; }

echo "== CDS training run (dynamic archive of the classes one ingest loads)"
one ingest -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:ArchiveClassesAtExit="$OUT/ingest.jsa" >/dev/null 2>"$OUT/cds.log"

echo "== $WARMUP untimed runs each, so the helper JVM's servers are warm before anything is timed"
for ((i = 0; i < WARMUP; i++)); do
  one ingest >/dev/null
  one baseline >/dev/null
done

printf "\n%-8s %-62s %10s %10s %7s\n" setting "JVM flags" "ingest ms" "baseline ms" ratio
for setting in "${SETTINGS[@]}"; do
  read -r -a flags <<<"$(flags_of "$setting")"
  ingest=() baseline=()
  for ((i = 0; i < RUNS; i++)); do
    ingest+=("$(one ingest "${flags[@]}")")
    baseline+=("$(one baseline "${flags[@]}")")
  done
  mi=$(printf "%s\n" "${ingest[@]}" | median)
  mb=$(printf "%s\n" "${baseline[@]}" | median)
  printf "%-8s %-62s %10s %10s %7s\n" "$setting" "${flags[*]:-(none)}" "$mi" "$mb" "$(awk -v a="$mi" -v b="$mb" 'BEGIN {printf "%.2f", a / b}')"
  echo "   ingest runs: ${ingest[*]}; baseline runs: ${baseline[*]}"
done
echo
echo "jar: $JAR $(stat -c %s "$JAR") bytes ($(awk -v s="$(stat -c %s "$JAR")" 'BEGIN {printf "%.1f MiB", s / 1048576}'))"
echo "java: $(java -version 2>&1 | head -1); $(nproc) cores; load average before/after: $LOAD_BEFORE / $(cut -d' ' -f1-3 /proc/loadavg)"
