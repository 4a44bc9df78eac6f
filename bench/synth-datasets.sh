#!/usr/bin/env bash
# Benchmark: synthesize an environment with N datasets (default 1000), all cdk-nag checked, and
# report the wall time and peak memory. Usage: bench/synth-datasets.sh [N] (N copies of sales_orders
# beside the examples, so that the repository's pipelines still find their datasets)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n="${1:-1000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/datasets"
cp "$root"/dataset-templates/examples/*.yaml "$work/datasets/"   # what the repository's pipelines read and write
for i in $(seq -f "%04g" 1 "$n"); do
  sed "s/^name: sales_orders/name: sales_${i}/" "$root/dataset-templates/examples/sales_orders.yaml" > "$work/datasets/sales_${i}.yaml"
done
# The datasets folder is the generated one; everything else (Lambda jars, pipelines) the repository's.
python3 - "$root/cdk.json" "$work/cdk.json" "$root" "$work/datasets" <<'PY'
import json, sys
config = json.load(open(sys.argv[1]))
config["context"]["datalake:projectDir"] = sys.argv[3]
config["context"]["datalake:environments"]["dev"]["datasets"] = sys.argv[4]
json.dump(config, open(sys.argv[2], "w"), indent=2)
PY

"$root/lake" --version >/dev/null   # builds the jar if needed, outside the measurement
/usr/bin/time -f "synth of the environment + $n datasets: %e s wall, %M KB peak RSS" \
  "$root/lake" synth --env dev --config "$work/cdk.json" --out "$work/cdk.out" 2>&1 | grep -v "^\s*at " | tail -8
echo "stacks written: $(ls "$work/cdk.out"/*.template.json | wc -l)"
