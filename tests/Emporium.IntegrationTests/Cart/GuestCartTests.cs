using Emporium.IntegrationTests.Infrastructure;

namespace Emporium.IntegrationTests.Cart;

/// <summary>A guest's cart, kept by cookie (browser) or by the X-Cart-Id header (API client), on both engines.</summary>
public abstract class GuestCartTests(AppFixture fixture)
{
    private readonly EmporiumApp _app = fixture.App;

    [Fact]
    public async Task A_browser_adds_reads_and_removes_items_with_the_cart_cookie()
    {
        var (a, b) = await TwoSkusAsync();
        var browser = CartApi.Browser(_app);

        using var first = await browser.PutRawAsync(a, """{"quantity":2}""");
        var cookie = first.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("emporium_cart=", StringComparison.Ordinal));
        var cartId = (await first.ReadJsonAsync()).CartId();
        cartId.ShouldNotBeNull().Length.ShouldBe(32);
        cookie.ShouldContain("emporium_cart=" + cartId);
        cookie.ShouldContain("httponly", Case.Insensitive);
        cookie.ShouldContain("samesite=lax", Case.Insensitive);
        first.Headers.GetValues("X-Cart-Id").Single().ShouldBe(cartId);

        await browser.PutAsync(b, 1);
        var cart = await browser.GetAsync();
        cart.CartId().ShouldBe(cartId);
        cart.Lines().ShouldBe([(a, 2), (b, 1)]);
        cart.GetProperty("totals").GetProperty("items").GetInt32().ShouldBe(3);
        cart.GetProperty("totals").GetProperty("subtotal").Amount().ShouldBe(2 * 1_999 + 500);

        (await browser.DeleteAsync(a)).Lines().ShouldBe([(b, 1)]);
        (await browser.PutAsync(b, 0)).Lines().ShouldBeEmpty();
        (await browser.GetAsync()).CartId().ShouldBe(cartId); // the cart lives on, empty
    }

    [Fact]
    public async Task An_api_client_names_its_cart_with_the_X_Cart_Id_header()
    {
        var (a, _) = await TwoSkusAsync();
        var client = CartApi.ApiClient(_app);

        await client.PutAndKeepCartIdAsync(a, 3);

        client.CartId.ShouldNotBeNull();
        (await client.GetAsync()).Lines().ShouldBe([(a, 3)]);
        (await CartApi.ApiClient(_app).GetAsync()).Lines().ShouldBeEmpty(); // no header: no cart
    }

    [Fact]
    public async Task The_same_put_twice_leaves_the_same_cart()
    {
        var (a, _) = await TwoSkusAsync();
        var client = CartApi.ApiClient(_app);

        var once = await client.PutAndKeepCartIdAsync(a, 3);
        var twice = await client.PutAsync(a, 3);

        twice.ToString().ShouldBe(once.ToString());
        (await CartTestSkus.RowsAsync(_app, client.CartId!)).ShouldBe((1, 1));
    }

    [Fact]
    public async Task Reading_a_cart_as_a_new_guest_answers_an_empty_cart_and_creates_nothing()
    {
        var before = await CartTestSkus.CountAsync(_app, "SELECT COUNT(*) FROM cart_carts");
        using var response = await CartApi.Browser(_app).SendAsync(HttpMethod.Get, "/api/cart");

        var cart = await response.ReadJsonAsync();
        ((int)response.StatusCode).ShouldBe(200);
        cart.Lines().ShouldBeEmpty();
        cart.CartId().ShouldBeNull();
        cart.GetProperty("totals").GetProperty("subtotal").Amount().ShouldBe(0);
        response.Headers.Contains("Set-Cookie").ShouldBeFalse();
        (await CartTestSkus.CountAsync(_app, "SELECT COUNT(*) FROM cart_carts")).ShouldBe(before);
    }

    [Theory]
    [InlineData("nonsense")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("0123456789abcdef0123456789abcdef")]
    [InlineData("' OR 1=1 --")]
    public async Task An_unknown_or_malformed_cart_id_is_no_cart_and_a_change_gets_a_new_one(string cartId)
    {
        var (a, _) = await TwoSkusAsync();
        var client = CartApi.ApiClient(_app);
        client.CartId = cartId;

        (await client.GetAsync()).Lines().ShouldBeEmpty();
        var cart = await client.PutAsync(a, 1);

        cart.CartId().ShouldNotBeNull().ShouldNotBe(cartId);
        cart.Lines().ShouldBe([(a, 1)]);
    }

    [Fact]
    public async Task A_stale_cookie_is_cleared_but_a_valid_cookie_survives_a_stale_header()
    {
        var (a, _) = await TwoSkusAsync();
        var browser = CartApi.Browser(_app);
        await browser.PutAsync(a, 1);

        browser.CartId = "0123456789abcdef0123456789abcdef"; // the header names a cart that does not exist
        using (var response = await browser.SendAsync(HttpMethod.Get, "/api/cart"))
        {
            response.Headers.Contains("Set-Cookie").ShouldBeFalse();
        }

        browser.CartId = null;
        (await browser.GetAsync()).Lines().ShouldBe([(a, 1)]);

        var stale = CartApi.ApiClient(_app);
        stale.Client.DefaultRequestHeaders.Add("Cookie", "emporium_cart=0123456789abcdef0123456789abcdef");
        using var cleared = await stale.SendAsync(HttpMethod.Get, "/api/cart");
        cleared.Headers.GetValues("Set-Cookie").Single().ShouldStartWith("emporium_cart=;");
    }

    [Fact]
    public async Task Prices_and_totals_come_from_the_catalog_never_from_the_request()
    {
        var (a, _) = await TwoSkusAsync();
        var client = CartApi.ApiClient(_app);

        var cart = await CartApi.ExpectAsync(client.PutRawAsync(a, """{"quantity":2,"unitPrice":{"amount":1,"currency":"USD"},"total":1}"""), 200);

        cart.Line(a).GetProperty("unitPrice").Amount().ShouldBe(1_999);
        cart.Line(a).GetProperty("lineTotal").Amount().ShouldBe(3_998);
        cart.GetProperty("totals").GetProperty("subtotal").Amount().ShouldBe(3_998);
    }

    private async Task<(string A, string B)> TwoSkusAsync()
    {
        var ids = await CartTestSkus.CreateAsync(_app, 1_999, 500);
        return (ids[0], ids[1]);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteGuestCartTests(SqliteAppFixture fixture) : GuestCartTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class PostgresGuestCartTests(PostgresAppFixture fixture) : GuestCartTests(fixture);
