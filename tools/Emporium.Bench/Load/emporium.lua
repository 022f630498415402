-- Emporium.Bench's wrk script: ONE script for every subject and for its baseline, so that the load tool
-- does the same kind of Lua work per request on both sides (build the request, count the answer).
-- The bench tool writes the command line; by hand:
--
--   wrk -t2 -c64 -d10s -s emporium.lua http://127.0.0.1:PORT -- MODE THREADS [FILE] [LIST] [BODY]
--
--   baseline   GET /health/live
--   cart-view  GET /api/cart                 X-Cart-Id: a cart from FILE (one id per line)
--   cart-add   PUT /api/cart/items/{sku}     X-Cart-Id from FILE, sku from LIST (comma-separated),
--              {"quantity":q}, q cycling 2..10 so that every write changes the line (carts hold quantity 1)
--   purchase   POST /api/flash-sales/{sale}/purchase   Authorization: Bearer (FILE: userId TAB token
--              per line), sale from LIST; BODY (optional) is sent as application/json
--   checkout   POST /api/checkout   Authorization: Bearer and the payment token from FILE (userId TAB
--              token TAB paymentToken per line: a buyer whose cart is filled), Idempotency-Key
--              "b3-LIST-thread-n"; BODY is the shipping address (JSON). Each line is used once: a thread
--              that runs out of lines starts over, and those checkouts find the cart empty (422)
--
-- THREADS must equal -t: each thread takes every THREADS-th line of FILE, so two connections of
-- different threads never write the same cart. At the end one line "EMPORIUM_WRK {json}" gives the
-- completed requests, duration, every status seen, socket errors and latency percentiles.

local threads = {}

function setup(thread)
   thread:set("index", #threads)
   table.insert(threads, thread)
end

local function split(text, separator)
   local items = {}
   for item in string.gmatch(text or "", "[^" .. separator .. "]+") do
      table.insert(items, item)
   end
   return items
end

local function lines(path, column)
   local items = {}
   local file = assert(io.open(path, "r"), "cannot open " .. tostring(path))
   local n = 0
   for line in file:lines() do
      if line ~= "" then
         if n % thread_count == index then
            local fields = split(line, "\t")
            table.insert(items, fields[column] or fields[1])
         end
         n = n + 1
      end
   end
   file:close()
   assert(#items > 0, "no lines for thread " .. index .. " in " .. path)
   return items
end

function init(args)
   mode = args[1]
   thread_count = tonumber(args[2])
   statuses = {}
   n = 0
   headers = {}
   if mode == "baseline" then
      path = "/health/live"
   elseif mode == "cart-view" or mode == "cart-add" then
      carts = lines(args[3], 1)
      skus = split(args[4], ",")
   elseif mode == "purchase" then
      tokens = lines(args[3], 2)
      sales = split(args[4], ",")
      body = args[5]
      if body ~= nil and body ~= "" then
         headers["Content-Type"] = "application/json"
      else
         body = nil
      end
   elseif mode == "checkout" then
      tokens = lines(args[3], 2)
      payments = lines(args[3], 3)
      nonce = args[4]
      address = args[5]
      headers["Content-Type"] = "application/json"
   else
      error("unknown mode " .. tostring(mode))
   end
end

function request()
   n = n + 1
   if mode == "baseline" then
      return wrk.format("GET", path, headers)
   elseif mode == "cart-view" then
      headers["X-Cart-Id"] = carts[n % #carts + 1]
      return wrk.format("GET", "/api/cart", headers)
   elseif mode == "cart-add" then
      -- cart changes every request; sku every pass over the carts; quantity every three passes.
      local pass = math.floor(n / #carts)
      headers["X-Cart-Id"] = carts[n % #carts + 1]
      local sku = skus[pass % #skus + 1]
      local quantity = math.floor(pass / #skus) % 9 + 2
      return wrk.format("PUT", "/api/cart/items/" .. sku, headers, '{"quantity":' .. quantity .. '}')
   elseif mode == "checkout" then
      local i = (n - 1) % #tokens + 1
      headers["Authorization"] = "Bearer " .. tokens[i]
      headers["Idempotency-Key"] = "b3-" .. nonce .. "-" .. index .. "-" .. n
      return wrk.format("POST", "/api/checkout", headers, '{"shippingAddress":' .. address .. ',"paymentToken":"' .. payments[i] .. '"}')
   else
      headers["Authorization"] = "Bearer " .. tokens[n % #tokens + 1]
      return wrk.format("POST", "/api/flash-sales/" .. sales[n % #sales + 1] .. "/purchase", headers, body)
   end
end

function response(status, response_headers, response_body)
   statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
   local counts = {}
   for _, thread in ipairs(threads) do
      for status, count in pairs(thread:get("statuses")) do
         counts[status] = (counts[status] or 0) + count
      end
   end
   local parts = {}
   for status, count in pairs(counts) do
      table.insert(parts, string.format('"%d":%d', status, count))
   end
   local e = summary.errors
   io.write(string.format(
      'EMPORIUM_WRK {"requests":%d,"durationUs":%d,"bytes":%d,' ..
      '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
      '"statuses":{%s},"latencyUs":{"p50":%d,"p90":%d,"p99":%d,"max":%d,"mean":%.1f}}\n',
      summary.requests, summary.duration, summary.bytes,
      e.connect, e.read, e.write, e.status, e.timeout,
      table.concat(parts, ","),
      latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end
