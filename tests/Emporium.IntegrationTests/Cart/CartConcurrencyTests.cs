using Emporium.IntegrationTests.Infrastructure;

namespace Emporium.IntegrationTests.Cart;

/// <summary>Many requests on one cart at once: no lost update, no second cart, no half-written line.</summary>
public abstract class CartConcurrencyTests(AppFixture fixture)
{
    private readonly EmporiumApp _app = fixture.App;

    [Fact]
    public async Task Twenty_concurrent_puts_on_one_cart_leave_one_cart_with_every_line()
    {
        var skus = await CartTestSkus.CreateAsync(_app, Enumerable.Range(1, 10).Select(i => i * 100L).ToArray());
        var setup = CartApi.ApiClient(_app);
        await setup.PutAndKeepCartIdAsync(skus[0], 1);

        // Task i sets SKU i % 10 to a quantity of its own: each SKU is raced by two tasks.
        var quantities = Enumerable.Range(0, 20).Select(i => (Sku: skus[i % 10], Quantity: i / 10 + 2)).ToList();
        await Task.WhenAll(quantities.Select(q => Task.Run(async () =>
        {
            var client = CartApi.ApiClient(_app);
            client.CartId = setup.CartId;
            await client.PutAsync(q.Sku, q.Quantity);
        })));

        var lines = (await setup.GetAsync()).Lines();
        lines.Select(l => l.Item1).Order().ShouldBe(skus.Order());
        lines.ShouldAllBe(l => l.Item2 == 2 || l.Item2 == 3);
        (await CartTestSkus.RowsAsync(_app, setup.CartId!)).ShouldBe((1, 10));
    }

    [Fact]
    public async Task Concurrent_puts_and_deletes_of_one_line_end_in_one_of_the_requested_states()
    {
        var sku = (await CartTestSkus.CreateAsync(_app, 100))[0];
        var setup = CartApi.ApiClient(_app);
        await setup.PutAndKeepCartIdAsync(sku, 1);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            var client = CartApi.ApiClient(_app);
            client.CartId = setup.CartId;
            _ = i % 2 == 0 ? await client.PutAsync(sku, 4) : await client.DeleteAsync(sku);
        })));

        var lines = (await setup.GetAsync()).Lines();
        (lines.Count == 0 || lines.SequenceEqual([(sku, 4)])).ShouldBeTrue(string.Join(',', lines));
        (await CartTestSkus.RowsAsync(_app, setup.CartId!)).ShouldBe((1, lines.Count));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteCartConcurrencyTests(SqliteAppFixture fixture) : CartConcurrencyTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class PostgresCartConcurrencyTests(PostgresAppFixture fixture) : CartConcurrencyTests(fixture);
