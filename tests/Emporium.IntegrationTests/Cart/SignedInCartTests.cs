using System.Text.Json;
using Emporium.IntegrationTests.Infrastructure;

namespace Emporium.IntegrationTests.Cart;

/// <summary>Carts of signed-in shoppers through the accounts API: the merge at sign-in, and one user's cart is theirs alone.</summary>
public abstract class SignedInCartTests(AppFixture fixture)
{
    private readonly EmporiumApp _app = fixture.App;

    [Fact]
    public async Task A_guest_fills_a_cart_registers_and_finds_the_same_items_in_the_signed_in_cart()
    {
        var skus = await CartTestSkus.CreateAsync(_app, 1_000, 500);
        var browser = CartApi.Browser(_app);
        await browser.PutAsync(skus[0], 2);
        var guestCartId = (await browser.PutAsync(skus[1], 1)).CartId();

        await browser.RegisterAsync();
        var cart = await browser.GetAsync(); // the auth cookie now

        cart.Lines().ShouldBe([(skus[0], 2), (skus[1], 1)]);
        cart.CartId().ShouldBeNull();
        (await new CartApi(_app.CreateClient()) { CartId = guestCartId }.GetAsync()).Lines().ShouldBeEmpty();
    }

    [Fact]
    public async Task Signing_in_merges_duplicates_by_the_larger_quantity_and_a_replayed_login_changes_nothing()
    {
        var (merged, skus) = await MergeAsync(_app.CreateClient, userQuantity: 3, guestQuantity: 4);

        merged.Lines().ShouldBe([(skus[0], 4), (skus[2], 1), (skus[1], 1)]);
    }

    [Fact]
    public async Task With_the_sum_policy_duplicates_add_up_capped_by_the_line_maximum()
    {
        // A second host on the same database, configured for sum.
        await using var sumApp = _app.WithWebHostBuilder(b => b.UseSetting("Emporium:Cart:MergePolicy", "sum"));

        var (merged, skus) = await MergeAsync(() => sumApp.CreateClient(), userQuantity: 3, guestQuantity: 4);
        merged.Lines()[0].ShouldBe((skus[0], 7));

        var (capped, cappedSkus) = await MergeAsync(() => sumApp.CreateClient(), userQuantity: 8, guestQuantity: 5);
        capped.Lines()[0].ShouldBe((cappedSkus[0], 10));
    }

    [Fact]
    public async Task Each_user_sees_and_changes_only_their_own_cart()
    {
        var skus = await CartTestSkus.CreateAsync(_app, 1_000, 500, 300);
        var alice = CartApi.ApiClient(_app);
        var bob = CartApi.ApiClient(_app);
        alice.Token = (await alice.RegisterAsync()).Token;
        bob.Token = (await bob.RegisterAsync()).Token;
        await alice.PutAsync(skus[0], 2);
        await bob.PutAsync(skus[1], 1);
        var guest = CartApi.ApiClient(_app);
        await guest.PutAndKeepCartIdAsync(skus[2], 5);

        await bob.DeleteAsync(skus[0]);
        bob.CartId = guest.CartId; // a signed-in user's requests never reach a guest cart
        await bob.PutAsync(skus[2], 1);

        (await alice.GetAsync()).Lines().ShouldBe([(skus[0], 2)]);
        (await bob.GetAsync()).Lines().ShouldBe([(skus[1], 1), (skus[2], 1)]);
        (await guest.GetAsync()).Lines().ShouldBe([(skus[2], 5)]);
    }

    [Fact]
    public async Task Twenty_concurrent_first_puts_of_a_user_make_one_cart()
    {
        var skus = await CartTestSkus.CreateAsync(_app, Enumerable.Range(1, 20).Select(i => i * 10L).ToArray());
        var shopper = CartApi.ApiClient(_app);
        var (userId, token, _) = await shopper.RegisterAsync();

        await Task.WhenAll(skus.Select(sku => Task.Run(() => new CartApi(_app.CreateClient()) { Token = token }.PutAsync(sku, 1))));

        shopper.Token = token;
        (await shopper.GetAsync()).Lines().Count.ShouldBe(20);
        (await CartTestSkus.CountAsync(_app, "SELECT COUNT(*) FROM cart_carts WHERE owner_kind = 'user' AND owner_id = @userId", new { userId })).ShouldBe(1);
    }

    /// <summary>
    /// A user with (sku0 × userQuantity, sku2 × 1) signs in from a guest API client holding
    /// (sku0 × guestQuantity, sku1 × 1), then signs in again the same way; returns the user's cart.
    /// </summary>
    private async Task<(JsonElement Cart, string[] Skus)> MergeAsync(Func<HttpClient> createClient, int userQuantity, int guestQuantity)
    {
        var skus = await CartTestSkus.CreateAsync(_app, 1_000, 500, 300);
        var user = new CartApi(createClient());
        var (_, token, email) = await user.RegisterAsync();
        user.Token = token;
        await user.PutAsync(skus[0], userQuantity);
        await user.PutAsync(skus[2], 1);

        var guest = new CartApi(createClient());
        await guest.PutAndKeepCartIdAsync(skus[0], guestQuantity);
        await guest.PutAsync(skus[1], 1);
        await guest.LoginAsync(email);
        var merged = await user.GetAsync();

        await guest.LoginAsync(email); // replayed with the same cart header: nothing more to merge
        (await user.GetAsync()).ToString().ShouldBe(merged.ToString());
        return (merged, skus);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteSignedInCartTests(SqliteAppFixture fixture) : SignedInCartTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class PostgresSignedInCartTests(PostgresAppFixture fixture) : SignedInCartTests(fixture);
