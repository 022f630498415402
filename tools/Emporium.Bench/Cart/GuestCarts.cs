using System.Net;
using Emporium.Bench.Api;

namespace Emporium.Bench.Cart;

/// <summary>
/// B6's guest carts: found SKUs, carts of three lines (quantity 1 each) named by <c>X-Cart-Id</c>, and
/// the check afterwards that every cart still holds exactly those lines with quantities wrk set.
/// </summary>
internal static class GuestCarts
{
    public const int LinesPerCart = 3;

    /// <summary>The highest SKU id tried: the demo catalog numbers its SKUs from 1.</summary>
    private const int MaxProbe = 200;

    private static readonly Dictionary<string, string> NoHeaders = [];

    /// <summary>The first <see cref="LinesPerCart"/> SKUs the cart accepts (probed in a throw-away cart).</summary>
    public static async Task<IReadOnlyList<string>> FindSkusAsync(ApiClient api, CancellationToken cancellationToken)
    {
        var skus = new List<string>();
        string? probeCart = null;
        for (var id = 1; id <= MaxProbe && skus.Count < LinesPerCart; id++)
        {
            var sku = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var answer = await api.SendAsync(HttpMethod.Put, $"/api/cart/items/{sku}", cancellationToken, new { quantity = 1 }, headers: CartHeader(probeCart));
            if (answer.Status == HttpStatusCode.OK)
            {
                skus.Add(sku);
                probeCart ??= answer.Text("cartId");
            }
        }

        return skus.Count == LinesPerCart
            ? skus
            : throw new InvariantException($"Found only {skus.Count} SKUs the cart accepts among ids 1–{MaxProbe}: is the demo catalog seeded (Emporium__DemoData=true)?");
    }

    /// <summary><paramref name="count"/> guest carts, each with every SKU of <paramref name="skus"/> at quantity 1.</summary>
    public static async Task<IReadOnlyList<string>> CreateAsync(ApiClient api, IReadOnlyList<string> skus, int count, CancellationToken cancellationToken)
    {
        var carts = new string[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            string? cartId = null;
            foreach (var sku in skus)
            {
                var answer = await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/api/cart/items/{sku}", ct, new { quantity = 1 }, headers: CartHeader(cartId));
                cartId ??= answer.Text("cartId");
            }

            carts[i] = cartId!;
        });
        return carts;
    }

    /// <summary>
    /// Reads every cart back: each must answer 200 with exactly <paramref name="skus"/> at quantities
    /// from 1 to 10. Returns how many lines wrk changed (quantity no longer 1).
    /// </summary>
    public static async Task<long> VerifyAsync(ApiClient api, IReadOnlyList<string> carts, IReadOnlyList<string> skus, CancellationToken cancellationToken)
    {
        long changed = 0;
        await Parallel.ForEachAsync(carts, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (cartId, ct) =>
        {
            var answer = await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "/api/cart", ct, headers: CartHeader(cartId));
            var lines = answer.Body!.Value.GetProperty("lines").EnumerateArray()
                .Select(l => (Sku: l.GetProperty("skuId").GetString()!, Quantity: l.GetProperty("quantity").GetInt32()))
                .ToList();
            if (answer.Text("cartId") != cartId || !lines.Select(l => l.Sku).Order(StringComparer.Ordinal).SequenceEqual(skus.Order(StringComparer.Ordinal))
                || lines.Any(l => l.Quantity is < 1 or > 10))
            {
                throw new InvariantException($"Cart {cartId} should hold SKUs {string.Join(',', skus)} at 1–10 each; it holds {string.Join(", ", lines.Select(l => $"{l.Sku} × {l.Quantity}"))}.");
            }

            Interlocked.Add(ref changed, lines.Count(l => l.Quantity != 1));
        });
        return changed;
    }

    private static Dictionary<string, string> CartHeader(string? cartId) =>
        cartId is null ? NoHeaders : new Dictionary<string, string> { ["X-Cart-Id"] = cartId };
}
