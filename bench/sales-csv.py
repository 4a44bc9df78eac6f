#!/usr/bin/env python3
"""Writes a CSV of the sales example (dataset-templates/examples/sales_orders.yaml) of about MB megabytes.
Usage: sales-csv.py FILE MB"""
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
