using System.Globalization;
using System.Net;
using Emporium.Bench.Api;
using Emporium.Bench.Cart;

namespace Emporium.Bench.FlashSale;

/// <summary>A sale's claims as the admin route counts them, per status.</summary>
internal sealed record SaleClaims(long Claimed, long Paying, long Paid, long Expired, long Cancelled)
{
    public long Total => Claimed + Paying + Paid + Expired + Cancelled;

    /// <summary>Claims that hold a unit: every claim but an expired or cancelled one.</summary>
    public long Holding => Claimed + Paying + Paid;
}

/// <summary>
/// Sets flash sales up on one host through its admin routes, as an admin would: a purchasable demo SKU
/// in a warehouse shipping to the sale's country, stock added to it through inventory adjustments, then
/// sales of that SKU. Its <c>quantity</c> is the allotment moved out of stock when the sale is created.
/// </summary>
internal sealed class SaleDesk(ApiClient api, string adminToken)
{
    public const string Country = "US";

    /// <summary>The price every benchmark sale asks, in minor units.</summary>
    public const long Price = 500;

    /// <summary>The most one adjustment may add (inventory's limit).</summary>
    private const int MaxDelta = 1_000_000;

    private string? _sku;
    private string? _warehouse;

    public string Sku => _sku ?? throw new InvalidOperationException("Call PrepareAsync first.");

    /// <summary>Picks the SKU (the first the cart accepts) and the warehouse shipping to <see cref="Country"/>.</summary>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        _sku = (await GuestCarts.FindSkusAsync(api, cancellationToken))[0];
        var warehouses = await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "/api/admin/warehouses", cancellationToken, bearer: adminToken);
        _warehouse = warehouses.Body!.Value.EnumerateArray()
            .Where(w => w.GetProperty("shipsTo").EnumerateArray().Any(c => c.GetString() == Country))
            .Select(w => w.GetProperty("id").GetString())
            .FirstOrDefault() ?? throw new InvariantException($"No warehouse ships to {Country}.");
    }

    /// <summary>Receives <paramref name="units"/> more of the SKU, in adjustments of at most a million.</summary>
    public async Task AddStockAsync(long units, CancellationToken cancellationToken)
    {
        for (var left = units; left > 0; left -= MaxDelta)
        {
            var delta = Math.Min(left, MaxDelta);
            await api.ExpectAsync(
                HttpStatusCode.Created, HttpMethod.Post, $"/api/inventory/{Sku}/adjustments", cancellationToken,
                new { warehouseId = _warehouse, delta, reason = "benchmark stock" },
                adminToken,
                new Dictionary<string, string> { ["Idempotency-Key"] = "bench-" + Guid.NewGuid().ToString("N") });
        }
    }

    /// <summary>A sale open from a moment ago for three hours (no waiting room); its id.</summary>
    public async Task<string> CreateSaleAsync(int quantity, int perUserLimit, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var created = await api.ExpectAsync(
            HttpStatusCode.Created, HttpMethod.Post, "/api/admin/flash-sales", cancellationToken,
            new { skuId = Sku, price = Price, quantity, perUserLimit, startsAt = now.AddSeconds(-5), endsAt = now.AddHours(3), country = Country },
            adminToken);
        return created.Text("id");
    }

    public async Task<IReadOnlyList<string>> CreateSalesAsync(int count, int quantity, int perUserLimit, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            ids.Add(await CreateSaleAsync(quantity, perUserLimit, cancellationToken));
        }

        return ids;
    }

    /// <summary>Buys with <paramref name="buyer"/> until the sale answers 410; the number of 201s.</summary>
    public async Task<int> SellOutAsync(string saleId, Buyer buyer, CancellationToken cancellationToken)
    {
        for (var bought = 0; ; bought++)
        {
            var answer = await api.SendAsync(HttpMethod.Post, $"/api/flash-sales/{saleId}/purchase", cancellationToken, bearer: buyer.Token);
            switch (answer.Code)
            {
                case 201:
                    continue;
                case 410:
                    return bought;
                default:
                    throw new InvariantException($"Selling out sale {saleId}: a purchase answered {answer.Code}: {answer.Body?.GetRawText()}");
            }
        }
    }

    public async Task<SaleClaims> ClaimsAsync(string saleId, CancellationToken cancellationToken)
    {
        var sale = await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/api/admin/flash-sales/{saleId}", cancellationToken, bearer: adminToken);
        var claims = sale.Body!.Value.GetProperty("claims");
        long Count(string status) => claims.GetProperty(status).GetInt64();
        return new SaleClaims(Count("claimed"), Count("paying"), Count("paid"), Count("expired"), Count("cancelled"));
    }

    /// <summary>What a buyer sees: <c>GET /api/flash-sales/{id}</c> (status, approximate remaining).</summary>
    public async Task<(string Status, long Remaining)> PublicViewAsync(string saleId, CancellationToken cancellationToken)
    {
        var sale = await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/api/flash-sales/{saleId}", cancellationToken);
        return (sale.Text("status"), long.Parse(sale.Text("remaining"), NumberStyles.Integer, CultureInfo.InvariantCulture));
    }
}
