-- Order lines that count as sales: a positive quantity, an amount, and a country to report under.
SELECT order_id,
       line_no,
       order_date,
       quantity,
       amount_eur,
       upper(trim(store_country)) AS store_country
FROM orders
WHERE quantity > 0
  AND amount_eur IS NOT NULL
  AND nullif(trim(store_country), '') IS NOT NULL
