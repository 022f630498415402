-- A seller's orders (the seller portal): the orders holding a line of theirs, found through their lines.
CREATE INDEX ix_orders_lines_seller ON orders_lines (seller_id, order_id);
