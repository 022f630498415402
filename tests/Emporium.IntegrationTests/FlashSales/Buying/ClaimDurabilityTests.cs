using System.Collections.Concurrent;
using System.Globalization;
using Dapper;
using Emporium.FlashSales.Buying;
using Emporium.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Emporium.IntegrationTests.FlashSales.Buying;

/// <summary>
/// No "yes" before the claim is stored: every 201 names a stored claim, a claim that cannot be stored is a
/// 503 whose unit goes back on sale, and another process on the same database rebuilds the same gate.
/// </summary>
public abstract class ClaimDurabilityTests(BuyingFixture fixture)
{
    private readonly EmporiumApp _app = fixture.App;

    [Fact]
    public async Task Every_acknowledged_claim_is_stored_and_a_new_process_rebuilds_the_same_remaining()
    {
        var sale = await BuyingApi.SaleAsync(_app, quantity: 40, perUserLimit: 1);
        var buyers = MintedUsers.Mint(_app, 31);
        using var client = _app.CreateClient();
        var answers = new ConcurrentBag<BuyingApi.Answer>();

        await Parallel.ForEachAsync(buyers.Take(30), new ParallelOptions { MaxDegreeOfParallelism = 30 }, async (buyer, _) =>
            answers.Add(await BuyingApi.PurchaseAsync(client, sale.SaleId, buyer.Authorization)));

        answers.ShouldAllBe(a => a.Status == 201);
        var stored = await BuyingApi.StoredClaimsAsync(_app, sale.SaleId);
        stored.Select(c => c.Id).Order().ShouldBe(answers.Select(a => a.ClaimId).Order());
        (await BuyingApi.StandingAsync(client, sale.SaleId)).ShouldBe(("active", 10));

        await using var restarted = fixture.StartApp();
        var gates = restarted.Services.GetRequiredService<IStockGate>();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (gates.Loaded(long.Parse(sale.SaleId, CultureInfo.InvariantCulture)) is null)
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the new process did not rebuild the sale's gate at start-up");
            await Task.Delay(20);
        }

        gates.Loaded(long.Parse(sale.SaleId, CultureInfo.InvariantCulture))!.Remaining.ShouldBe(10, "rebuilt from storage at start-up, before anyone asked");
        using var successor = restarted.CreateClient();
        (await BuyingApi.StandingAsync(successor, sale.SaleId)).ShouldBe(("active", 10));
        (await BuyingApi.PurchaseAsync(successor, sale.SaleId, buyers[0].Authorization)).Code.ShouldBe("per_user_limit_reached");
        (await BuyingApi.PurchaseAsync(successor, sale.SaleId, buyers[30].Authorization)).Status.ShouldBe(201);
        (await BuyingApi.StandingAsync(successor, sale.SaleId)).ShouldBe(("active", 9));
        (await BuyingApi.StoredClaimsAsync(_app, sale.SaleId)).Count.ShouldBe(31);
    }

    [Fact]
    public async Task A_claim_that_cannot_be_stored_is_503_and_its_unit_and_the_buyers_slot_go_back()
    {
        var sale = await BuyingApi.SaleAsync(_app, quantity: 1, perUserLimit: 1);
        var buyer = await TestUsers.CustomerAsync(_app);
        await using (var connection = await _app.Database.OpenAsync())
        {
            await connection.ExecuteAsync(RefuseClaimsSql(sale.SaleId));
        }

        var refused = await BuyingApi.PurchaseAsync(buyer.Client, sale.SaleId);

        (refused.Status, refused.Code).ShouldBe((503, "claim_not_stored"), refused.Body);
        (await BuyingApi.StoredClaimsAsync(_app, sale.SaleId)).ShouldBeEmpty();
        (await BuyingApi.StandingAsync(buyer.Client, sale.SaleId)).ShouldBe(("active", 1), "the unit is back on sale");

        await using (var connection = await _app.Database.OpenAsync())
        {
            await connection.ExecuteAsync($"DROP TRIGGER refuse_claims_{sale.SaleId}" + (_app.Database.IsPostgres ? " ON flashsales_claims" : ""));
        }

        var again = await BuyingApi.PurchaseAsync(buyer.Client, sale.SaleId);
        again.Status.ShouldBe(201, "the buyer's slot came back with the unit");
        (await BuyingApi.StoredClaimsAsync(_app, sale.SaleId)).ShouldHaveSingleItem().Id.ShouldBe(again.ClaimId);
    }

    [Fact]
    public async Task With_a_batch_size_of_one_every_claim_is_its_own_transaction_and_the_sale_sells_exactly_out()
    {
        await using var database = await fixture.FreshDatabaseAsync();
        await using var app = new EmporiumApp(new Dictionary<string, string?>(database.Settings)
        {
            ["Emporium:DemoData"] = "false",
            ["Emporium:RateLimits:Enabled"] = "false",
            ["Emporium:FlashSales:ClaimBatchSize"] = "1",
        });
        var sale = await BuyingApi.SaleAsync(app, quantity: 25, perUserLimit: 2);
        var buyers = MintedUsers.Mint(app, 20);
        using var client = app.CreateClient();
        var answers = new ConcurrentBag<(string UserId, BuyingApi.Answer Answer)>();

        // Eight attempts each (over the default rate limit, which is off here), all at once.
        await Parallel.ForEachAsync(
            buyers.SelectMany(b => Enumerable.Repeat(b, 8)), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (buyer, _) =>
                answers.Add((buyer.UserId, await BuyingApi.PurchaseAsync(client, sale.SaleId, buyer.Authorization))));

        var won = answers.Where(a => a.Answer.Status == 201).ToList();
        won.Count.ShouldBe(25);
        answers.Where(a => a.Answer.Status != 201).ShouldAllBe(a => a.Answer.Code == "sold_out" || a.Answer.Code == "per_user_limit_reached");
        var stored = await BuyingApi.StoredClaimsAsync(app, sale.SaleId);
        stored.Select(c => c.Id).Order().ShouldBe(won.Select(w => w.Answer.ClaimId).Order());
        stored.GroupBy(c => c.UserId).ShouldAllBe(g => g.Count() <= 2);
        (await BuyingApi.StandingAsync(client, sale.SaleId)).ShouldBe(("soldOut", 0));
        app.Services.GetRequiredService<ClaimWriter>().Committed.ShouldBe((25L, 25L), "one transaction per claim");
    }

    private string RefuseClaimsSql(string saleId) => _app.Database.IsPostgres
        ? $"""
          CREATE FUNCTION refuse_claims_{saleId}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$;
          CREATE TRIGGER refuse_claims_{saleId} BEFORE INSERT ON flashsales_claims FOR EACH ROW WHEN (NEW.sale_id = {saleId}) EXECUTE FUNCTION refuse_claims_{saleId}();
          """
        : $"""
          CREATE TRIGGER refuse_claims_{saleId} BEFORE INSERT ON flashsales_claims WHEN NEW.sale_id = {saleId}
          BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;
          """;
}

public sealed class SqliteClaimDurabilityTests(SqliteBuyingFixture fixture) : ClaimDurabilityTests(fixture), IClassFixture<SqliteBuyingFixture>;

public sealed class PostgresClaimDurabilityTests(PostgresBuyingFixture fixture) : ClaimDurabilityTests(fixture), IClassFixture<PostgresBuyingFixture>;
