SELECT * FROM orders WHERE quantity > 0
