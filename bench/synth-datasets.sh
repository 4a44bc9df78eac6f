#!/usr/bin/env bash
# Benchmark: synthesize an environment with N datasets (default 1000), all cdk-nag checked, and
# report the wall time and peak memory. Usage: bench/synth-datasets.sh [N]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n="${1:-1000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/datasets"
for i in $(seq -f "%04g" 1 "$n"); do
  sed "s/^name: sales_orders/name: sales_${i}/" "$root/dataset-templates/examples/sales_orders.yaml" > "$work/datasets/sales_${i}.yaml"
done
python3 - "$root/cdk.json" "$work/cdk.json" <<'PY'
import json, sys
config = json.load(open(sys.argv[1]))
config["context"]["datalake:environments"]["dev"]["datasets"] = "datasets"
json.dump(config, open(sys.argv[2], "w"), indent=2)
PY

"$root/lake" --version >/dev/null   # builds the jar if needed, outside the measurement
/usr/bin/time -f "synth of the environment + $n datasets: %e s wall, %M KB peak RSS" \
  "$root/lake" synth --env dev --config "$work/cdk.json" --out "$work/cdk.out" | tail -1
echo "stacks written: $(ls "$work/cdk.out"/*.template.json | wc -l)"
