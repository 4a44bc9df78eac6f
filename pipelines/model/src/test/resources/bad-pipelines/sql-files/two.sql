-- the lines
SELECT * FROM orders;

SELECT 'second; not ok' FROM orders;
