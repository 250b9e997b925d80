-- monthly revenue per customer:
-- join orders with customers
-- group by customer and month
-- order by revenue, highest first
SELECT 1;
