using Emporium.Contracts.Cart;
using Emporium.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Emporium.IntegrationTests.Cart;

/// <summary>
/// A signed-in user's cart as checkout uses it (<see cref="ICheckoutCarts"/>): its lines read back, and the
/// bought units taken out once per purchase, while the shopper keeps changing it through the cart API.
/// </summary>
public abstract class CheckoutCartTests(AppFixture fixture)
{
    private readonly EmporiumApp _app = fixture.App;
    private readonly ICheckoutCarts _carts = fixture.App.Services.GetRequiredService<ICheckoutCarts>();

    /// <summary>A registered shopper (API client with a bearer token) and three SKUs.</summary>
    private async Task<(CartApi Shopper, string UserId, string[] Skus)> ShopperAsync()
    {
        var skus = await CartTestSkus.CreateAsync(_app, 1_000, 500, 250);
        var shopper = CartApi.ApiClient(_app);
        var (userId, token, _) = await shopper.RegisterAsync();
        shopper.Token = token;
        return (shopper, userId, skus);
    }

    private static string PurchaseId() => "checkout-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task The_users_cart_lines_read_back_in_the_order_they_were_added()
    {
        var (shopper, userId, skus) = await ShopperAsync();
        await shopper.PutAsync(skus[1], 3);
        await shopper.PutAsync(skus[0], 1);

        (await _carts.GetLinesAsync(userId, CancellationToken.None)).ShouldBe([new(skus[1], 3), new(skus[0], 1)]);
    }

    [Fact]
    public async Task Removing_what_was_bought_takes_those_lines_out_and_keeps_the_rest()
    {
        var (shopper, userId, skus) = await ShopperAsync();
        await shopper.PutAsync(skus[0], 2);
        await shopper.PutAsync(skus[1], 1);
        await shopper.PutAsync(skus[2], 4);

        await _carts.RemovePurchasedAsync(userId, PurchaseId(), [new(skus[0], 2), new(skus[2], 1)], CancellationToken.None);

        (await shopper.GetAsync()).Lines().ShouldBe([(skus[1], 1), (skus[2], 3)]);
        (await _carts.GetLinesAsync(userId, CancellationToken.None)).ShouldBe([new(skus[1], 1), new(skus[2], 3)]);
    }

    [Fact]
    public async Task A_line_the_shopper_raised_during_checkout_keeps_the_difference()
    {
        var (shopper, userId, skus) = await ShopperAsync();
        await shopper.PutAsync(skus[0], 2);
        var bought = await _carts.GetLinesAsync(userId, CancellationToken.None);

        await shopper.PutAsync(skus[0], 5); // in another tab, while payment runs

        await _carts.RemovePurchasedAsync(userId, PurchaseId(), bought, CancellationToken.None);
        (await shopper.GetAsync()).Lines().ShouldBe([(skus[0], 3)]);
    }

    [Fact]
    public async Task A_replay_with_the_same_purchase_id_changes_nothing_even_after_the_shopper_added_the_item_again()
    {
        var (shopper, userId, skus) = await ShopperAsync();
        await shopper.PutAsync(skus[0], 2);
        await shopper.PutAsync(skus[1], 1);
        var purchase = PurchaseId();
        await _carts.RemovePurchasedAsync(userId, purchase, [new(skus[0], 2)], CancellationToken.None);
        await shopper.PutAsync(skus[0], 2);

        await _carts.RemovePurchasedAsync(userId, purchase, [new(skus[0], 2)], CancellationToken.None);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            _carts.RemovePurchasedAsync(userId, purchase, [new(skus[0], 2)], CancellationToken.None))));

        (await shopper.GetAsync()).Lines().ShouldBe([(skus[1], 1), (skus[0], 2)]);
        (await CartTestSkus.CountAsync(_app, "SELECT COUNT(*) FROM cart_purchases WHERE user_id = @userId", new { userId })).ShouldBe(1);
    }

    [Fact]
    public async Task Concurrent_first_deliveries_of_one_purchase_take_the_units_out_once()
    {
        var (shopper, userId, skus) = await ShopperAsync();
        await shopper.PutAsync(skus[0], 6);
        var purchase = PurchaseId();

        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() =>
            _carts.RemovePurchasedAsync(userId, purchase, [new(skus[0], 1), new(skus[0], 1)], CancellationToken.None))));

        (await shopper.GetAsync()).Lines().ShouldBe([(skus[0], 4)], "the same SKU twice in one purchase is one removal of the sum");
    }

    [Fact]
    public async Task Without_a_cart_the_lines_are_empty_and_removing_opens_no_cart_nor_touches_a_later_one()
    {
        var (shopper, userId, skus) = await ShopperAsync();

        (await _carts.GetLinesAsync(userId, CancellationToken.None)).ShouldBeEmpty();
        (await _carts.GetLinesAsync("no-such-user", CancellationToken.None)).ShouldBeEmpty();
        var purchase = PurchaseId();
        await _carts.RemovePurchasedAsync(userId, purchase, [new(skus[0], 1)], CancellationToken.None);
        (await CartTestSkus.CountAsync(_app, "SELECT COUNT(*) FROM cart_carts WHERE owner_kind = 'user' AND owner_id = @userId", new { userId })).ShouldBe(0);

        await shopper.PutAsync(skus[0], 1);
        await _carts.RemovePurchasedAsync(userId, purchase, [new(skus[0], 1)], CancellationToken.None);
        (await shopper.GetAsync()).Lines().ShouldBe([(skus[0], 1)], "that purchase already took what it bought (nothing)");
    }

    [Fact]
    public async Task Bad_arguments_are_a_callers_bug_and_change_nothing()
    {
        var (shopper, userId, skus) = await ShopperAsync();
        await shopper.PutAsync(skus[0], 2);

        await Should.ThrowAsync<ArgumentException>(() => _carts.RemovePurchasedAsync(userId, " ", [new(skus[0], 1)], CancellationToken.None));
        await Should.ThrowAsync<ArgumentException>(() => _carts.RemovePurchasedAsync(userId, PurchaseId(), [new(skus[0], 0)], CancellationToken.None));
        await Should.ThrowAsync<ArgumentException>(() => _carts.GetLinesAsync("", CancellationToken.None));

        (await shopper.GetAsync()).Lines().ShouldBe([(skus[0], 2)]);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteCheckoutCartTests(SqliteAppFixture fixture) : CheckoutCartTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class PostgresCheckoutCartTests(PostgresAppFixture fixture) : CheckoutCartTests(fixture);
