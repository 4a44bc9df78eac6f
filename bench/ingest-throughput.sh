#!/usr/bin/env bash
# Benchmark: the local lake's ingest of one gzipped CSV delivery of the sales example (default 200 MB
# of CSV), from drop to a complete Parquet update, beside the same work done by stock tools on the
# same file in the same run: `gzip -dc | sha256sum` (what ingest does: unpack and checksum), then
# DuckDB alone turning the CSV into the dataset's typed Parquet partitioned by order_date (what the
# conversion does). Prints the three figures and the ratio lake / stock tools.
# Usage: bench/ingest-throughput.sh [MB] [lake.jar]   (a second jar, e.g. built from main, is the baseline)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mb="${1:-200}"
baseline="${2:-}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$root"
./lake --version >/dev/null   # builds the jar if needed, outside the measurement
duckdb="$(ls "${HOME}"/.m2/repository/org/duckdb/duckdb_jdbc/*/duckdb_jdbc-*.jar | grep -v sources | sort -V | tail -1)"

python3 "$root/bench/sales-csv.py" "$work/big.csv" "$mb"
size=$(stat -c %s "$work/big.csv")
gzip -1 -k "$work/big.csv"
echo "file: $(stat -c %s "$work/big.csv.gz") bytes gzipped, $size bytes of CSV"

now() { date +%s.%N; }
start=$(now); gzip -dc "$work/big.csv.gz" | sha256sum >/dev/null; end=$(now)
gunzip_s=$(python3 -c "print(f'{$end - $start:.2f}')")
read -r duck_s rows < <(java -cp "$duckdb" bench/DuckDbConvert.java "$work/big.csv" "$work/parquet" 2>/dev/null)
stock_s=$(python3 -c "print(f'{$gunzip_s + $duck_s:.2f}')")
echo "stock tools: gzip -dc | sha256sum ${gunzip_s} s, DuckDB CSV -> partitioned Parquet ${duck_s} s ($rows rows): ${stock_s} s"

# The lake's figure: IngestBenchmark prints "... <seconds> s ..." on one line.
lake_run() {
  local jar="$1" label="$2" line seconds
  rm -rf "$work/lake"
  # Read the figure as soon as it is printed: a DynamoDB Local thread can keep an older jar's JVM alive for minutes.
  java -XX:+UseSerialGC -cp "$jar" io.datalake.app.bench.IngestBenchmark "$work/big.csv.gz" "$work/lake" "$size" \
    >"$work/out.txt" 2>/dev/null &
  local pid=$!
  while ! grep -q "drop -> complete" "$work/out.txt" && kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  line="$(grep "drop -> complete" "$work/out.txt")" || { echo "$label: no figure"; cat "$work/out.txt"; return 1; }
  seconds="$(sed -E 's/.*: ([0-9.]+) s,.*/\1/' <<<"$line")"
  echo "$label: $line"
  python3 -c "print(f'$label / stock tools: {$seconds / $stock_s:.2f}x  (goal: at most 1.25x)')"
}
if [[ -n "$baseline" ]]; then
  lake_run "$baseline" "baseline lake"
fi
lake_run app/target/lake.jar "lake"
