using Dapper;
using Emporium.Adapters.Redis.Carts;
using Emporium.Adapters.Redis.Connection;
using Emporium.Cart.Identity;
using Emporium.Catalog.Writing;
using Emporium.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Emporium.IntegrationTests.Cart;

/// <summary>SKUs for cart tests, written through the catalog's own test writer and read back through its API.</summary>
internal static class CartTestSkus
{
    public static Task<string[]> CreateAsync(EmporiumApp app, params long[] prices) =>
        CreateAsync(app, prices.Select(p => (p, "active", true)).ToArray());

    /// <summary>One product with a variant per entry; returns the SKU ids in the same order.</summary>
    public static async Task<string[]> CreateAsync(EmporiumApp app, params (long Price, string Status, bool InStock)[] variants)
    {
        TestProduct product = null!;
        var word = TestCatalog.UniqueWord(8);
        await TestCatalog.WriteAsync(app, async c =>
        {
            var category = await c.CategoryAsync("Cart things");
            product = await c.ProductAsync($"Cart item {word}", await c.BrandAsync("Cartmaker"), category.Id, skus:
                variants.Select((v, i) => new NewSku($"CART-{word}-{i}", new Dictionary<string, string> { ["size"] = $"S{i}" }, v.Price, "USD", v.Status, v.InStock)).ToList());
        });

        using var client = app.CreateClient();
        var json = await client.GetJsonAsync($"/api/products/{product.Id}");
        var ids = json.GetProperty("skus").EnumerateArray().Select(s => s.GetProperty("id").GetString()!).ToArray();
        ids.Length.ShouldBe(variants.Length);
        return ids;
    }

    /// <summary>Changes a price behind the cart's back (the seller API does the same through the catalog writer).</summary>
    public static Task SetPriceAsync(EmporiumApp app, string skuId, long price) =>
        ExecuteAsync(app, "UPDATE catalog_skus SET price_amount = @price WHERE id = @id", new { price, id = long.Parse(skuId, System.Globalization.CultureInfo.InvariantCulture) });

    public static Task SetStatusAsync(EmporiumApp app, string skuId, string status) =>
        ExecuteAsync(app, "UPDATE catalog_skus SET status = @status WHERE id = @id", new { status, id = long.Parse(skuId, System.Globalization.CultureInfo.InvariantCulture) });

    public static Task SetInStockAsync(EmporiumApp app, string skuId, bool inStock) =>
        ExecuteAsync(app, "UPDATE catalog_skus SET in_stock = @inStock WHERE id = @id", new { inStock = inStock ? 1 : 0, id = long.Parse(skuId, System.Globalization.CultureInfo.InvariantCulture) });

    /// <summary>
    /// How many cart records and line records a guest cart id has in the cart store: rows in the database,
    /// or on the scale-out deployment (which keeps guest carts in Redis only) its hash and the hash's lines.
    /// </summary>
    public static async Task<(long Carts, long Lines)> RowsAsync(EmporiumApp app, string cartId)
    {
        if (app.Services.GetService<RedisStore>() is { } redis)
        {
            var fields = await redis.Database.HashKeysAsync(CartKeys.Cart(redis, CartOwner.Guest(cartId)));
            return fields.Length == 0 ? (0, 0) : (1, fields.Count(f => CartHash.IsLine(f!)));
        }

        await using var connection = await app.Database.OpenAsync();
        return (
            await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM cart_carts WHERE id = @cartId", new { cartId }),
            await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM cart_lines WHERE cart_id = @cartId", new { cartId }));
    }

    public static async Task<long> CountAsync(EmporiumApp app, string sql, object? parameters = null)
    {
        await using var connection = await app.Database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql, parameters);
    }

    private static async Task ExecuteAsync(EmporiumApp app, string sql, object parameters)
    {
        await using var connection = await app.Database.OpenAsync();
        (await connection.ExecuteAsync(sql, parameters)).ShouldBe(1);
    }
}
