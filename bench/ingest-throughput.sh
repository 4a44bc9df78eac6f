#!/usr/bin/env bash
# Benchmark: the local lake's ingest of one gzipped CSV delivery of the sales example (default
# 200 MB of CSV), beside `gzip -dc` of the same file on the same machine. Usage: bench/ingest-throughput.sh [MB]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mb="${1:-200}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$root"
./lake --version >/dev/null   # builds the jar if needed, outside the measurement

python3 - "$work/big.csv" "$mb" <<'PY'
import sys
path, mb = sys.argv[1], int(sys.argv[2])
countries = ["DE", "FR", "IT", "ES", "NL"]
with open(path, "w") as f:
    f.write("order_id,line_no,order_date,product_sku,quantity,unit_price_eur,amount_eur,store_country\n")
    i = 0
    while f.tell() < mb * 1_000_000:
        q = i % 10 + 1
        price = (i * 37) % 9000 / 100 + 1
        f.write(f"{1000000 + i // 3},{i % 3 + 1},2026-11-{i % 21 + 1:02d},SKU-{i % 5000:05d},{q},{price:.2f},{q * price:.2f},{countries[i % 5]}\n")
        i += 1
PY
size=$(stat -c %s "$work/big.csv")
gzip -1 "$work/big.csv"
echo "file: $(stat -c %s "$work/big.csv.gz") bytes gzipped, $size bytes of CSV"

start=$(date +%s.%N); gzip -dc "$work/big.csv.gz" > /dev/null; end=$(date +%s.%N)
python3 -c "t=$end-$start; print(f'gzip -dc: {t:.1f} s, {$size/1e6/t:.0f} MB/s of CSV')"

java -XX:+UseSerialGC -cp app/target/lake.jar io.datalake.app.bench.IngestBenchmark "$work/big.csv.gz" "$work/lake" "$size" 2>/dev/null
