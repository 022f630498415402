using System.Net;
using System.Text.Json;
using Emporium.Bench.Api;
using Emporium.Bench.FlashSale;

namespace Emporium.Bench.Checkout;

/// <summary>
/// B3's setup through the API, as clients do it: the pool of SKUs carts draw their three lines from
/// (stocked through inventory adjustments in the warehouse that ships to the address's country), then per
/// round a buyer per checkout with a filled cart and a fresh payment token from the sandbox gateway.
/// </summary>
internal sealed class CheckoutShop(ApiClient api, string adminToken, IReadOnlyList<Buyer> buyers)
{
    public const string Country = "US";

    /// <summary>The shipping address every checkout sends (and the pgbench baseline stores).</summary>
    public const string AddressJson = """{"name":"Ada Buyer","line1":"1 Main Street","city":"Springfield","postalCode":"12345","country":"US"}""";

    public const int LinesPerCart = 3;

    /// <summary>Units added per pool SKU: far more than any run sells.</summary>
    public const int StockPerSku = 1_000_000;

    /// <summary>Fixed, so every run fills the same carts in the same order.</summary>
    private const int Seed = 20_261_203;

    private const int MaxProbe = 625;

    private readonly Random _random = new(Seed);
    private int _next;

    public IReadOnlyList<string> Pool { get; private set; } = [];

    public long WarehouseId { get; private set; }

    public int BuyersLeft => buyers.Count - _next;

    /// <summary>The first <paramref name="size"/> SKUs a cart accepts, each stocked with <see cref="StockPerSku"/> more units.</summary>
    public async Task PrepareAsync(int size, CancellationToken cancellationToken)
    {
        var warehouses = await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "/api/admin/warehouses", cancellationToken, bearer: adminToken);
        var warehouse = warehouses.Body!.Value.EnumerateArray()
            .FirstOrDefault(w => w.GetProperty("shipsTo").EnumerateArray().Any(c => c.GetString() == Country));
        WarehouseId = warehouse.ValueKind == JsonValueKind.Object
            ? long.Parse(warehouse.GetProperty("id").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            : throw new InvariantException($"No warehouse ships to {Country}.");

        var pool = new List<string>();
        for (var id = 1; id <= MaxProbe && pool.Count < size; id++)
        {
            var sku = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var answer = await api.SendAsync(HttpMethod.Put, $"/api/cart/items/{sku}", cancellationToken, new { quantity = 1 });
            if (answer.Status == HttpStatusCode.OK)
            {
                pool.Add(sku);
            }
        }

        if (pool.Count < size)
        {
            throw new InvariantException($"Only {pool.Count} of SKUs 1–{MaxProbe} go into a cart; --pool {size} needs that many (is the demo catalog seeded?).");
        }

        foreach (var sku in pool)
        {
            await api.ExpectAsync(
                HttpStatusCode.Created, HttpMethod.Post, $"/api/inventory/{sku}/adjustments", cancellationToken,
                new { warehouseId = WarehouseId.ToString(System.Globalization.CultureInfo.InvariantCulture), delta = StockPerSku, reason = "benchmark stock" },
                adminToken,
                new Dictionary<string, string> { ["Idempotency-Key"] = "bench-" + Guid.NewGuid().ToString("N") });
        }

        Pool = pool;
    }

    /// <summary>
    /// The next <paramref name="count"/> unused buyers, each with a cart of three pool SKUs (consecutive from a
    /// random start, quantity 1) and an unused token for the card that approves, written as
    /// <c>userId TAB bearer TAB paymentToken</c> lines to <paramref name="file"/> for wrk.
    /// </summary>
    public async Task<IReadOnlyList<Buyer>> FillCartsAsync(int count, string file, CancellationToken cancellationToken)
    {
        if (count > BuyersLeft)
        {
            throw new UsageException($"This round needs {count:N0} fresh buyers but only {BuyersLeft:N0} tokens are left: issue more (`issue-tokens --count`).");
        }

        var chosen = buyers.Skip(_next).Take(count).ToList();
        _next += count;
        var starts = chosen.Select(_ => _random.Next(Pool.Count)).ToList();
        var lines = new string[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var buyer = chosen[i];
            for (var line = 0; line < LinesPerCart; line++)
            {
                var sku = Pool[(starts[i] + line) % Pool.Count];
                await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/api/cart/items/{sku}", ct, new { quantity = 1 }, buyer.Token);
            }

            var token = await api.ExpectAsync(
                HttpStatusCode.Created, HttpMethod.Post, "/api/payments/tokens", ct,
                new { number = "4242424242424242", expMonth = 12, expYear = DateTime.UtcNow.Year + 2, cvc = "123" }, buyer.Token);
            lines[i] = $"{buyer.UserId}\t{buyer.Token}\t{token.Text("token")}";
        });
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        await File.WriteAllLinesAsync(file, lines, cancellationToken);
        return chosen;
    }
}
