-- B3's baseline (docs/benchmarks.md): one checkout of three lines, written by the engine alone as ONE
-- transaction, with the statements the app's checkout runs against the same tables (captured with
-- log_statement=all from a POST /api/checkout): the idempotency record, the cart and catalog reads, the
-- SKU locks, the reservation with its guarded stock updates and ledger rows, the payment with the
-- sandbox gateway's rows, the order with its lines and events, the sale of the reserved units, the
-- outbox messages, the cart cleared, the answer stored. Left out, because one transaction does not need
-- them: the saga's event log (one row per step), the re-reads between steps (the reservation FOR UPDATE,
-- the payment and order rows), extending the hold, and the intermediate states (a payment 'authorized'
-- before 'captured', an order 'placed' before 'paid').
--
--   pgbench -n -M extended -c 64 -j 2 -T 15 -f checkout.pgbench.sql -D pool=64 -h HOST -p PORT -U postgres DB
--
-- Needs bench_b3_pool (n, sku_id, warehouse_id): the SKUs the subject's carts hold (three consecutive
-- entries from a random start, as here), and a cart row per pgbench client (owner 'pgbench-buyer-N');
-- Emporium.Bench checkout creates both. The baseline's carts hold no lines, so its line deletes find
-- pgbench turns every ":name" into a variable, inside string literals too: so no literal here holds a
-- colon before a letter (the keys' colons are chr(58), the JSON is built by json_build_object).
\set r1 random(0, :pool - 1)
\set r2 (:r1 + 1) % :pool
\set r3 (:r1 + 2) % :pool
BEGIN;
SELECT u, now, uid, 'chk_' || u AS chk, 'checkout' || chr(58) || 'chk_' || u AS owner,
       'checkout' || chr(58) || 'chk_' || u || chr(58) || 'authorize' AS auth_key, 'checkout' || chr(58) || 'chk_' || u || chr(58) || 'capture' AS capture_key
FROM (SELECT replace(gen_random_uuid()::text, '-', '') AS u, (extract(epoch FROM clock_timestamp()) * 1000)::bigint AS now, 'pgbench-buyer-' || :client_id::text AS uid) ids \gset
INSERT INTO checkout_sagas (checkout_id, user_id, idempotency_key, fingerprint, input, status, version, lease_owner, lease_until, attempts, created_at, updated_at)
VALUES (:chk, :uid, 'pgb-' || :u::text, md5(:u::text) || md5(:uid::text),
        json_build_object('shippingAddress', json_build_object('name', 'Ada Buyer', 'line1', '1 Main Street', 'line2', NULL, 'city', 'Springfield', 'region', NULL,
                                                               'postalCode', '12345', 'country', 'US', 'phone', NULL),
                          'paymentToken', 'tok_' || :u::text)::text,
        'running', 0, :u, :now::bigint + 30000, 1, :now::bigint, :now::bigint)
ON CONFLICT (user_id, idempotency_key) DO NOTHING;
-- the cart: its row, its lines (the subject's hold the three SKUs; here they come from the pool)
SELECT id AS cart FROM cart_carts WHERE owner_kind = 'user' AND owner_id = :uid \gset
SELECT sku_id, quantity, unit_price_amount, currency, added_at, updated_at FROM cart_lines WHERE cart_id = :cart;
SELECT a.sku_id AS s1, b.sku_id AS s2, c.sku_id AS s3, a.warehouse_id AS w FROM bench_b3_pool a, bench_b3_pool b, bench_b3_pool c WHERE a.n = :r1 AND b.n = :r2 AND c.n = :r3 \gset
-- the quote
SELECT SUM(s.price_amount) AS total FROM catalog_skus s JOIN catalog_products p ON p.id = s.product_id
WHERE s.id IN (:s1::bigint, :s2::bigint, :s3::bigint) AND s.status = 'active' AND p.status = 'active' \gset
-- the reservation: SKU locks in key order, the request key, the allocation's reads, then per line a guarded update and its ledger row
SELECT pg_advisory_xact_lock(k) FROM (SELECT hashtextextended('inventory-sku' || chr(58) || s, 0) AS k FROM unnest(ARRAY[:s1::text, :s2::text, :s3::text]) s ORDER BY 1) locks;
SELECT id FROM inventory_reservations WHERE request_key = :owner::text || chr(58) || 'reserve';
SELECT id, name, latitude, longitude FROM inventory_warehouses ORDER BY id;
SELECT warehouse_id, country FROM inventory_warehouse_countries;
SELECT sku_id, warehouse_id, on_hand - reserved FROM inventory_stock WHERE sku_id IN (:s1::text, :s2::text, :s3::text);
INSERT INTO inventory_reservations (owner, request_key, request, state, created_at, expires_at, source_id)
VALUES (:owner, :owner::text || chr(58) || 'reserve', :owner::text || '|US|' || :s1::text || 'x1;' || :s2::text || 'x1;' || :s3::text || 'x1', 'pending', :now::bigint, :now::bigint + 900000, NULL)
RETURNING id AS res, 'reservation' || chr(58) || id || chr(58) || 'hold' AS hold_key, 'reservation' || chr(58) || id || chr(58) || 'end' AS end_key \gset
INSERT INTO inventory_reservation_lines (reservation_id, sku_id, warehouse_id, quantity) VALUES (:res, :s1, :w, 1);
INSERT INTO inventory_reservation_lines (reservation_id, sku_id, warehouse_id, quantity) VALUES (:res, :s2, :w, 1);
INSERT INTO inventory_reservation_lines (reservation_id, sku_id, warehouse_id, quantity) VALUES (:res, :s3, :w, 1);
UPDATE inventory_stock SET on_hand = on_hand + 0, reserved = reserved + 1, updated_at = :now::bigint
WHERE sku_id = :s1 AND warehouse_id = :w AND on_hand - reserved >= 1 - 0 AND reserved + 1 >= 0 AND on_hand + 0 <= 1000000000 RETURNING on_hand, reserved;
INSERT INTO inventory_movements (sku_id, warehouse_id, kind, on_hand_delta, reserved_delta, reason, actor, idempotency_key, reservation_id, occurred_at)
VALUES (:s1, :w, 'reservation', 0, 1, 'reserved', :owner, :hold_key, :res, :now::bigint) RETURNING id;
UPDATE inventory_stock SET on_hand = on_hand + 0, reserved = reserved + 1, updated_at = :now::bigint
WHERE sku_id = :s2 AND warehouse_id = :w AND on_hand - reserved >= 1 - 0 AND reserved + 1 >= 0 AND on_hand + 0 <= 1000000000 RETURNING on_hand, reserved;
INSERT INTO inventory_movements (sku_id, warehouse_id, kind, on_hand_delta, reserved_delta, reason, actor, idempotency_key, reservation_id, occurred_at)
VALUES (:s2, :w, 'reservation', 0, 1, 'reserved', :owner, :hold_key, :res, :now::bigint) RETURNING id;
UPDATE inventory_stock SET on_hand = on_hand + 0, reserved = reserved + 1, updated_at = :now::bigint
WHERE sku_id = :s3 AND warehouse_id = :w AND on_hand - reserved >= 1 - 0 AND reserved + 1 >= 0 AND on_hand + 0 <= 1000000000 RETURNING on_hand, reserved;
INSERT INTO inventory_movements (sku_id, warehouse_id, kind, on_hand_delta, reserved_delta, reason, actor, idempotency_key, reservation_id, occurred_at)
VALUES (:s3, :w, 'reservation', 0, 1, 'reserved', :owner, :hold_key, :res, :now::bigint) RETURNING id;
-- the payment, and the sandbox gateway's rows: its token (the subject's is made before the run and marked used here), authorization, charge, capture
INSERT INTO payments_payments (payment_id, reference, user_id, idempotency_key, request_fingerprint, amount, currency, status, created_at, updated_at)
VALUES ('pay_' || :u::text, :owner, :uid, :auth_key, md5(:u::text) || md5(:res::text), :total, 'USD', 'pending', :now::bigint, :now::bigint)
ON CONFLICT (idempotency_key) DO NOTHING;
INSERT INTO payments_sandbox_tokens (token, brand, last4, exp_month, exp_year, behaviour, created_at, used_by_key)
VALUES ('tok_' || :u::text, 'visa', '4242', 12, 2030, 'approve', :now::bigint, 'authorize' || chr(58) || :auth_key::text);
INSERT INTO payments_sandbox_requests (idempotency_key, operation, fingerprint, approved, gateway_ref, card_brand, card_last4, created_at)
VALUES ('authorize' || chr(58) || :auth_key::text, 'authorize', md5(:u::text) || md5(:w::text), TRUE, 'ch_' || :u::text, 'visa', '4242', :now::bigint)
ON CONFLICT (idempotency_key) DO NOTHING;
INSERT INTO payments_sandbox_charges (gateway_ref, token, behaviour, amount, currency, authorized_amount, created_at, updated_at)
VALUES ('ch_' || :u::text, 'tok_' || :u::text, 'approve', :total, 'USD', :total, :now::bigint, :now::bigint);
SELECT payment_id, kind, amount FROM payments_operations WHERE idempotency_key = :capture_key;
INSERT INTO payments_operations (idempotency_key, payment_id, kind, amount, created_at)
VALUES (:capture_key, 'pay_' || :u::text, 'capture', :total, :now::bigint)
ON CONFLICT (idempotency_key) DO NOTHING;
INSERT INTO payments_sandbox_requests (idempotency_key, operation, fingerprint, approved, created_at)
VALUES ('capture' || chr(58) || 'pay_' || :u::text, 'capture', md5(:u::text) || md5(:total::text), TRUE, :now::bigint)
ON CONFLICT (idempotency_key) DO NOTHING;
UPDATE payments_sandbox_charges SET captured_amount = :total, updated_at = :now::bigint WHERE gateway_ref = 'ch_' || :u::text;
UPDATE payments_payments SET status = 'captured', captured_amount = :total, card_brand = 'visa', card_last4 = '4242', gateway_ref = 'ch_' || :u::text, updated_at = :now::bigint
WHERE payment_id = 'pay_' || :u::text;
-- the order, its lines (from the catalog, as quoted), its events and its integration events
INSERT INTO orders_orders (order_id, user_id, checkout_id, status, currency, subtotal, shipping, tax, total, shipping_address, payment_id, reservation_id, request, placed_at, updated_at, version)
VALUES ('ord_' || :u::text, :uid, :chk, 'paid', 'USD', :total, 0, 0, :total,
        json_build_object('name', 'Ada Buyer', 'line1', '1 Main Street', 'line2', NULL, 'city', 'Springfield', 'region', NULL, 'postalCode', '12345', 'country', 'US', 'phone', NULL)::text,
        'pay_' || :u::text, :res, md5(:u::text) || md5(:now::text), :now::bigint, :now::bigint, 2)
ON CONFLICT DO NOTHING;
INSERT INTO orders_lines (order_id, line_no, sku_id, product_id, title, seller_id, attributes, quantity, unit_price, line_total)
SELECT 'ord_' || :u::text, 1, s.id::text, s.product_id::text, p.title, p.seller_id, s.attributes, 1, s.price_amount, s.price_amount FROM catalog_skus s JOIN catalog_products p ON p.id = s.product_id WHERE s.id = :s1::bigint;
INSERT INTO orders_lines (order_id, line_no, sku_id, product_id, title, seller_id, attributes, quantity, unit_price, line_total)
SELECT 'ord_' || :u::text, 2, s.id::text, s.product_id::text, p.title, p.seller_id, s.attributes, 1, s.price_amount, s.price_amount FROM catalog_skus s JOIN catalog_products p ON p.id = s.product_id WHERE s.id = :s2::bigint;
INSERT INTO orders_lines (order_id, line_no, sku_id, product_id, title, seller_id, attributes, quantity, unit_price, line_total)
SELECT 'ord_' || :u::text, 3, s.id::text, s.product_id::text, p.title, p.seller_id, s.attributes, 1, s.price_amount, s.price_amount FROM catalog_skus s JOIN catalog_products p ON p.id = s.product_id WHERE s.id = :s3::bigint;
INSERT INTO orders_events (order_id, seq, type, payload, actor, occurred_at)
VALUES ('ord_' || :u::text, 1, 'placed', json_build_object('userId', :uid::text, 'checkoutId', :chk::text, 'currency', 'USD', 'total', :total::bigint)::text, 'checkout', :now::bigint);
INSERT INTO orders_events (order_id, seq, type, payload, actor, occurred_at) VALUES ('ord_' || :u::text, 2, 'paid', '{}', 'checkout', :now::bigint);
INSERT INTO outbox_messages (id, type, payload, occurred_at)
SELECT md5(:u::text || 'placed'), 'Emporium.Contracts.Orders.OrderPlaced',
       json_build_object('orderId', 'ord_' || :u::text, 'userId', :uid::text, 'currency', 'USD', 'total', :total::bigint,
                         'items', (SELECT json_agg(json_build_object('skuId', sku_id, 'sellerId', seller_id, 'quantity', quantity, 'lineTotal', line_total) ORDER BY line_no)
                                   FROM orders_lines WHERE order_id = 'ord_' || :u::text),
                         'id', gen_random_uuid(), 'occurredAt', clock_timestamp())::text,
       :now::bigint;
INSERT INTO outbox_messages (id, type, payload, occurred_at)
VALUES (md5(:u::text || 'paid'), 'Emporium.Contracts.Orders.OrderStatusChanged',
        json_build_object('orderId', 'ord_' || :u::text, 'userId', :uid::text, 'from', 0, 'to', 1, 'id', gen_random_uuid(), 'occurredAt', clock_timestamp())::text,
        :now::bigint);
-- the sale: the reserved units leave the shelf, the reservation ends committed, the new stock levels go out
UPDATE inventory_stock SET on_hand = on_hand - 1, reserved = reserved - 1, updated_at = :now::bigint
WHERE sku_id = :s1 AND warehouse_id = :w AND on_hand - reserved >= -1 + 1 AND reserved - 1 >= 0 AND on_hand - 1 <= 1000000000 RETURNING on_hand, reserved;
INSERT INTO inventory_movements (sku_id, warehouse_id, kind, on_hand_delta, reserved_delta, reason, actor, idempotency_key, reservation_id, occurred_at)
VALUES (:s1, :w, 'sale', -1, -1, 'sold', :owner, :end_key, :res, :now::bigint) RETURNING id;
UPDATE inventory_stock SET on_hand = on_hand - 1, reserved = reserved - 1, updated_at = :now::bigint
WHERE sku_id = :s2 AND warehouse_id = :w AND on_hand - reserved >= -1 + 1 AND reserved - 1 >= 0 AND on_hand - 1 <= 1000000000 RETURNING on_hand, reserved;
INSERT INTO inventory_movements (sku_id, warehouse_id, kind, on_hand_delta, reserved_delta, reason, actor, idempotency_key, reservation_id, occurred_at)
VALUES (:s2, :w, 'sale', -1, -1, 'sold', :owner, :end_key, :res, :now::bigint) RETURNING id;
UPDATE inventory_stock SET on_hand = on_hand - 1, reserved = reserved - 1, updated_at = :now::bigint
WHERE sku_id = :s3 AND warehouse_id = :w AND on_hand - reserved >= -1 + 1 AND reserved - 1 >= 0 AND on_hand - 1 <= 1000000000 RETURNING on_hand, reserved;
INSERT INTO inventory_movements (sku_id, warehouse_id, kind, on_hand_delta, reserved_delta, reason, actor, idempotency_key, reservation_id, occurred_at)
VALUES (:s3, :w, 'sale', -1, -1, 'sold', :owner, :end_key, :res, :now::bigint) RETURNING id;
UPDATE inventory_reservations SET state = 'committed', ended_at = :now::bigint WHERE id = :res AND state = 'pending';
INSERT INTO outbox_messages (id, type, payload, occurred_at)
SELECT md5(:u::text || sku_id), 'Emporium.Contracts.Inventory.StockLevelChanged',
       json_build_object('skuId', sku_id, 'available', SUM(on_hand - reserved), 'id', gen_random_uuid(), 'occurredAt', clock_timestamp())::text, :now::bigint
FROM inventory_stock WHERE sku_id IN (:s1::text, :s2::text, :s3::text) GROUP BY sku_id;
-- the cart cleared: the buyer's cart lock, the purchase recorded once, the lines removed
SELECT pg_advisory_xact_lock(hashtextextended('cart' || chr(58) || :uid::text, 0));
INSERT INTO cart_purchases (user_id, purchase_id, recorded_at) VALUES (:uid, :chk, :now::bigint) ON CONFLICT (user_id, purchase_id) DO NOTHING;
SELECT id, updated_at, expires_at FROM cart_carts WHERE owner_kind = 'user' AND owner_id = :uid FOR UPDATE;
DELETE FROM cart_lines WHERE cart_id = :cart AND sku_id = :s1;
DELETE FROM cart_lines WHERE cart_id = :cart AND sku_id = :s2;
DELETE FROM cart_lines WHERE cart_id = :cart AND sku_id = :s3;
UPDATE cart_carts SET updated_at = :now::bigint, expires_at = :now::bigint + 2592000000 WHERE id = :cart;
-- the answer, stored with the idempotency record
UPDATE checkout_sagas SET version = 1, status = 'completed', response_status = 201, updated_at = :now::bigint,
       response_body = json_build_object('orderId', 'ord_' || :u::text, 'status', 'paid', 'total', json_build_object('amount', :total::bigint, 'currency', 'USD'))::text
WHERE checkout_id = :chk;
END;
