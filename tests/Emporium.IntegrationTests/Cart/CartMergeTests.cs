using Emporium.BuildingBlocks;
using Emporium.Cart;
using Emporium.Cart.Identity;
using Emporium.Cart.Merging;
using Emporium.Cart.Model;
using Emporium.Cart.Storage;
using Emporium.Cart.Viewing;
using Emporium.Contracts.Accounts;
using Emporium.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Emporium.IntegrationTests.Cart;

/// <summary>
/// The merge at sign-in through the observer the Accounts module calls, on the real store, without
/// HTTP sign-in: the guest cart a request names folds into the user's cart, once.
/// </summary>
public abstract class CartMergeTests(AppFixture fixture)
{
    private readonly EmporiumApp _app = fixture.App;

    private ICartStore Store => _app.Services.GetRequiredService<ICartStore>();

    [Fact]
    public async Task Signing_in_folds_the_guest_cart_into_the_users_cart_deletes_it_and_clears_the_cookie()
    {
        var skus = await CartTestSkus.CreateAsync(_app, 1_000, 500, 300);
        var userId = "user-" + TestCatalog.UniqueWord();
        await SetUserLineAsync(userId, skus[0], 3);
        await SetUserLineAsync(userId, skus[2], 1);
        var guest = await GuestCartAsync((skus[0], 4), (skus[1], 1));

        var response = await SignInAsync(userId, cookie: guest.CartId);

        (await UserLinesAsync(userId)).ShouldBe([(skus[0], 4), (skus[2], 1), (skus[1], 1)]);
        (await CartTestSkus.RowsAsync(_app, guest.CartId!)).ShouldBe((0, 0));
        (await guest.GetAsync()).Lines().ShouldBeEmpty();
        response.Headers.SetCookie.ToString().ShouldContain("emporium_cart=;");
    }

    [Fact]
    public async Task A_replayed_sign_in_changes_nothing_even_with_the_sum_policy()
    {
        var skus = await CartTestSkus.CreateAsync(_app, 1_000);
        var userId = "user-" + TestCatalog.UniqueWord();
        await SetUserLineAsync(userId, skus[0], 3);
        var guest = await GuestCartAsync((skus[0], 4));
        var merge = new MergeGuestCart(Store, _app.Services.GetRequiredService<CartSkus>(), TimeProvider.System, CartSettings.Default with { MergePolicy = MergePolicy.Sum });

        await merge.RunAsync(guest.CartId!, userId, CancellationToken.None);
        await merge.RunAsync(guest.CartId!, userId, CancellationToken.None);
        await SignInAsync(userId, header: guest.CartId);

        (await UserLinesAsync(userId)).ShouldBe([(skus[0], 7)]);
    }

    [Fact]
    public async Task With_sum_the_line_maximum_caps_the_merged_quantity()
    {
        var skus = await CartTestSkus.CreateAsync(_app, 1_000);
        var userId = "user-" + TestCatalog.UniqueWord();
        await SetUserLineAsync(userId, skus[0], 8);
        var guest = await GuestCartAsync((skus[0], 5));
        var merge = new MergeGuestCart(Store, _app.Services.GetRequiredService<CartSkus>(), TimeProvider.System, CartSettings.Default with { MergePolicy = MergePolicy.Sum });

        await merge.RunAsync(guest.CartId!, userId, CancellationToken.None);

        (await UserLinesAsync(userId)).ShouldBe([(skus[0], 10)]);
    }

    [Fact]
    public async Task A_user_without_a_cart_gets_the_guests_lines_with_their_prices_when_added()
    {
        var skus = await CartTestSkus.CreateAsync(_app, 1_000);
        var userId = "user-" + TestCatalog.UniqueWord();
        var guest = await GuestCartAsync((skus[0], 2));
        await CartTestSkus.SetPriceAsync(_app, skus[0], 1_200);

        await SignInAsync(userId, header: guest.CartId);

        var line = (await Store.FindAsync(CartOwner.User(userId), CancellationToken.None))!.State.LinesInOrder().Single();
        (line.Quantity, line.PriceWhenAdded).ShouldBe((2, new Money(1_000, "USD")));
    }

    [Fact]
    public async Task A_sign_in_naming_no_cart_or_someone_elses_user_cart_merges_nothing()
    {
        var skus = await CartTestSkus.CreateAsync(_app, 1_000);
        var (owner, other) = ("user-" + TestCatalog.UniqueWord(), "user-" + TestCatalog.UniqueWord());
        await SetUserLineAsync(owner, skus[0], 2);
        var ownersCartId = (await Store.FindAsync(CartOwner.User(owner), CancellationToken.None))!.CartId;

        await SignInAsync(other);
        await SignInAsync(other, header: ownersCartId); // a user cart's id is not a guest cart

        (await Store.FindAsync(CartOwner.User(other), CancellationToken.None)).ShouldBeNull();
        (await UserLinesAsync(owner)).ShouldBe([(skus[0], 2)]);
    }

    private async Task<CartApi> GuestCartAsync(params (string Sku, int Quantity)[] lines)
    {
        var guest = CartApi.ApiClient(_app);
        foreach (var (sku, quantity) in lines)
        {
            await guest.PutAndKeepCartIdAsync(sku, quantity);
        }

        return guest;
    }

    /// <summary>Calls every sign-in observer as the Accounts module does, on a request that carries the guest cart.</summary>
    private async Task<HttpResponse> SignInAsync(string userId, string? cookie = null, string? header = null)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        if (cookie is not null)
        {
            context.Request.Headers.Cookie = $"{GuestCartId.CookieName}={cookie}";
        }

        if (header is not null)
        {
            context.Request.Headers[GuestCartId.HeaderName] = header;
        }

        foreach (var observer in scope.ServiceProvider.GetServices<ISignInObserver>())
        {
            await observer.UserSignedInAsync(context, userId, CancellationToken.None);
        }

        return context.Response;
    }

    private async Task SetUserLineAsync(string userId, string sku, int quantity)
    {
        var snapshot = (await _app.Services.GetRequiredService<CartSkus>().GetAsync([sku], CancellationToken.None))[sku];
        var command = new CartCommand.SetQuantity(sku, quantity, new Money(snapshot.PriceAmount, snapshot.Currency));
        var rules = CartSettings.Default.RulesFor(CartOwnerKind.User);
        var changed = await Store.ChangeAsync(CartOwner.User(userId), state => CartDecider.Decide(command, state, rules, DateTimeOffset.UtcNow), CancellationToken.None);
        changed.IsSuccess.ShouldBeTrue();
    }

    private async Task<List<(string, int)>> UserLinesAsync(string userId) =>
        (await Store.FindAsync(CartOwner.User(userId), CancellationToken.None))?.State.LinesInOrder().Select(l => (l.SkuId, l.Quantity)).ToList() ?? [];
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteCartMergeTests(SqliteAppFixture fixture) : CartMergeTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class PostgresCartMergeTests(PostgresAppFixture fixture) : CartMergeTests(fixture);
