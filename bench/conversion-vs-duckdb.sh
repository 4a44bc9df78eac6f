#!/usr/bin/env bash
# Benchmark: the local DuckDB conversion (the conversion contract) beside plain DuckDB converting the same
# CSV of the sales example to the same partitioned Parquet, in one JVM, alternating. Usage:
# bench/conversion-vs-duckdb.sh [MB] [rounds]   (default 150 MB of CSV, 2 rounds)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mb="${1:-150}"
rounds="${2:-2}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$root"
# Inside the reactor, so the sibling modules resolve to their target/classes (no install).
./mvnw -q -B -o -pl local-lake -am test-compile dependency:build-classpath -Dmdep.outputFile="$work/cp" -Dmdep.includeScope=test
"$root/bench/sales-csv.py" "$work/big.csv" "$mb"
echo "file: $(stat -c %s "$work/big.csv") bytes of CSV"
java -cp "local-lake/target/test-classes:local-lake/target/classes:$(cat "$work/cp")" \
  io.datalake.locallake.bench.ConversionBenchmark dataset-templates/examples/sales_orders.yaml "$work/big.csv" "$work" "$rounds"
