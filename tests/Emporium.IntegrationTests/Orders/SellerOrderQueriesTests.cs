using Emporium.IntegrationTests.Infrastructure;
using Emporium.Orders.Viewing;
using Microsoft.Extensions.DependencyInjection;

namespace Emporium.IntegrationTests.Orders;

/// <summary>
/// The seller portal's orders: only the orders holding a line of the seller's, with only their lines,
/// paged; staff (no seller) see every order with every line.
/// </summary>
public abstract class SellerOrderQueriesTests(AppFixture fixture)
{
    private readonly EmporiumApp _app = fixture.App;

    [Fact]
    public async Task A_seller_sees_the_orders_holding_their_lines_and_only_their_lines()
    {
        var (sellerA, sellerB) = ("seller-a-" + Guid.NewGuid().ToString("N"), "seller-b-" + Guid.NewGuid().ToString("N"));
        var buyer = await TestUsers.CustomerAsync(_app);
        var mixed = await PlaceAsync(buyer.UserId, sellerA, sellerB);
        var onlyB = await PlaceAsync(buyer.UserId, sellerB, sellerB);
        var onlyA = await PlaceAsync(buyer.UserId, sellerA, sellerA);
        var queries = _app.Services.GetRequiredService<SellerOrderQueries>();

        var forA = await queries.ListAsync(sellerA, 1, 20, CancellationToken.None);

        forA.Total.ShouldBe(2);
        forA.Items.Select(o => o.OrderId).ShouldBe([mixed, onlyA], ignoreOrder: true);
        forA.Items.SelectMany(o => o.Lines).ShouldAllBe(l => l.SellerId == sellerA);
        forA.Items.Single(o => o.OrderId == mixed).Lines.ShouldHaveSingleItem().Title.ShouldBe("Enamel mug");
        forA.Items.Single(o => o.OrderId == onlyA).Lines.Count.ShouldBe(2);
        var mug = forA.Items.Single(o => o.OrderId == mixed).Lines[0];
        (mug.Quantity, mug.UnitPrice, mug.LineTotal, mug.Attributes["colour"]).ShouldBe((2, 1_250L, 2_500L, "blue"));
        forA.Items.ShouldAllBe(o => o.Status == "placed" && o.Currency == "USD");
        forA.Items.Select(o => o.OrderId).ShouldNotContain(onlyB);
    }

    [Fact]
    public async Task Pages_split_a_sellers_orders_newest_first_without_repeats()
    {
        var seller = "seller-" + Guid.NewGuid().ToString("N");
        var buyer = await TestUsers.CustomerAsync(_app);
        var placed = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            placed.Add(await PlaceAsync(buyer.UserId, seller, seller));
        }

        var queries = _app.Services.GetRequiredService<SellerOrderQueries>();
        var first = await queries.ListAsync(seller, 1, 2, CancellationToken.None);
        var second = await queries.ListAsync(seller, 2, 2, CancellationToken.None);

        (first.Total, second.Total).ShouldBe((3L, 3L));
        first.Items.Count.ShouldBe(2);
        second.Items.Count.ShouldBe(1);
        first.Items.Concat(second.Items).Select(o => o.OrderId).ShouldBe(placed, ignoreOrder: true);
        first.Items.Concat(second.Items).Select(o => o.PlacedAt).ShouldBeInOrder(SortDirection.Descending);
    }

    [Fact]
    public async Task Staff_see_every_seller_line_of_an_order()
    {
        var buyer = await TestUsers.CustomerAsync(_app);
        var orderId = await PlaceAsync(buyer.UserId, "seller-x-" + Guid.NewGuid().ToString("N"), "seller-y-" + Guid.NewGuid().ToString("N"));
        var queries = _app.Services.GetRequiredService<SellerOrderQueries>();

        var all = await queries.ListAsync(null, 1, SellerOrderQueries.MaxPageSize, CancellationToken.None);

        all.Items.Single(o => o.OrderId == orderId).Lines.Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_seller_without_orders_sees_none()
    {
        var queries = _app.Services.GetRequiredService<SellerOrderQueries>();

        var none = await queries.ListAsync("seller-" + Guid.NewGuid().ToString("N"), 1, 20, CancellationToken.None);

        none.Total.ShouldBe(0);
        none.Items.ShouldBeEmpty();
    }

    /// <summary>The usual two-line order, its mug from <paramref name="mugSeller"/> and its lamp from <paramref name="lampSeller"/>.</summary>
    private async Task<string> PlaceAsync(string userId, string mugSeller, string lampSeller)
    {
        var request = OrderTestData.Request(userId);
        request = request with { Lines = [request.Lines[0] with { SellerId = mugSeller }, request.Lines[1] with { SellerId = lampSeller }] };
        var placed = await OrderTestData.Placement(_app).PlaceAsync(request, CancellationToken.None);
        placed.IsSuccess.ShouldBeTrue(placed.Error?.Message);
        return placed.Value.OrderId;
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteSellerOrderQueriesTests(SqliteAppFixture fixture) : SellerOrderQueriesTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class PostgresSellerOrderQueriesTests(PostgresAppFixture fixture) : SellerOrderQueriesTests(fixture);
