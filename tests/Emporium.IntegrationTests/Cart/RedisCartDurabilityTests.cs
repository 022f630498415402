using Emporium.Cart.Model;
using Emporium.IntegrationTests.Infrastructure;

namespace Emporium.IntegrationTests.Cart;

/// <summary>
/// Signed-in carts survive a Redis loss (PostgreSQL holds every acknowledged change), and a writer that
/// dies between its PostgreSQL commit and its Redis write neither loses that change nor doubles a quantity.
/// Guest carts live in Redis only: a Redis loss loses them.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class RedisCartDurabilityTests(PostgresAppFixture fixture)
{
    private readonly EmporiumApp _app = fixture.App;
    private readonly RedisCartKit _kit = new(fixture.App);

    [Fact]
    public async Task After_a_redis_loss_a_signed_in_cart_reads_back_from_postgres_and_keeps_working_a_guest_cart_is_gone()
    {
        var skus = await CartTestSkus.CreateAsync(_app, 1_000, 500, 300);
        var shopper = CartApi.ApiClient(_app);
        shopper.Token = (await shopper.RegisterAsync()).Token;
        await shopper.PutAsync(skus[0], 2);
        await shopper.PutAsync(skus[1], 1);
        var guest = CartApi.ApiClient(_app);
        await guest.PutAndKeepCartIdAsync(skus[2], 1);

        await _kit.FlushAsync();

        (await shopper.GetAsync()).Lines().ShouldBe([(skus[0], 2), (skus[1], 1)]);
        (await shopper.PutAsync(skus[2], 4)).Lines().ShouldBe([(skus[0], 2), (skus[1], 1), (skus[2], 4)]);
        (await shopper.GetAsync()).Lines().ShouldBe([(skus[0], 2), (skus[1], 1), (skus[2], 4)]);
        (await guest.GetAsync()).Lines().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_change_committed_to_postgres_by_a_writer_that_died_before_redis_is_kept_by_the_next_change_and_after_a_flush()
    {
        var user = RedisCartKit.NewUser();
        await RedisCartKit.SetAsync(_kit.Store, user, "sku-a", 2);

        await RedisCartKit.SetAsync(_kit.CrashingAfterDurableSave(), user, "sku-b", 3).ShouldCrashAsync();
        await RedisCartKit.SetAsync(_kit.Store, user, "sku-c", 1);

        var expected = new List<(string, int)> { ("sku-a", 2), ("sku-b", 3), ("sku-c", 1) };
        (await _kit.LinesAsync(user)).ShouldBe(expected);
        (await _kit.DurableAsync(user))!.Value.Version.ShouldBe(3);
        (await _kit.RedisVersionAsync(user)).ShouldBe(3);
        await _kit.FlushAsync();
        (await _kit.LinesAsync(user)).ShouldBe(expected);
    }

    [Fact]
    public async Task A_sum_merge_that_died_after_its_postgres_commit_is_not_merged_again_by_the_next_sign_ins()
    {
        var sku = (await CartTestSkus.CreateAsync(_app, 1_000))[0];
        var user = RedisCartKit.NewUser();
        var guest = RedisCartKit.NewGuest();
        await RedisCartKit.SetAsync(_kit.Store, user, sku, 3);
        await RedisCartKit.SetAsync(_kit.Store, guest, sku, 4);

        await _kit.Merge(_kit.CrashingAfterDurableSave(), MergePolicy.Sum).RunAsync(guest.Id, user.Id, CancellationToken.None).ShouldCrashAsync();
        (await _kit.Store.FindAsync(guest, CancellationToken.None)).ShouldNotBeNull("the crash came before the guest cart was retired");

        var merge = _kit.Merge(_kit.Store, MergePolicy.Sum);
        await merge.RunAsync(guest.Id, user.Id, CancellationToken.None);
        await merge.RunAsync(guest.Id, user.Id, CancellationToken.None);

        (await _kit.LinesAsync(user)).ShouldBe([(sku, 7)]);
        (await _kit.DurableAsync(user))!.Value.Lines.ShouldBe(new Dictionary<string, int> { [sku] = 7 });
        (await _kit.Store.FindAsync(guest, CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task A_purchase_that_died_after_its_postgres_commit_takes_its_units_out_once()
    {
        var user = RedisCartKit.NewUser();
        await RedisCartKit.SetAsync(_kit.Store, user, "sku-bought", 5);
        var purchaseId = "purchase-" + TestCatalog.UniqueWord();

        await _kit.RemovePurchasedAsync(_kit.CrashingAfterDurableSave(), user, purchaseId, "sku-bought", 2).ShouldCrashAsync();
        (await _kit.RemovePurchasedAsync(_kit.Store, user, purchaseId, "sku-bought", 2)).ShouldBeFalse();
        (await _kit.RemovePurchasedAsync(_kit.Store, user, purchaseId, "sku-bought", 2)).ShouldBeFalse();

        (await _kit.LinesAsync(user)).ShouldBe([("sku-bought", 3)]);
        (await _kit.DurableAsync(user))!.Value.Lines.ShouldBe(new Dictionary<string, int> { ["sku-bought"] = 3 });
    }

    [Fact]
    public async Task Concurrent_deliveries_of_one_purchase_take_its_units_out_once()
    {
        var user = RedisCartKit.NewUser();
        await RedisCartKit.SetAsync(_kit.Store, user, "sku-bought", 9);

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => _kit.RemovePurchasedAsync(_kit.Store, user, "purchase-once", "sku-bought", 4))));

        answers.Count(first => first).ShouldBe(1);
        (await _kit.LinesAsync(user)).ShouldBe([("sku-bought", 5)]);
    }

    [Fact]
    public async Task The_purge_deletes_expired_postgres_copies_and_the_hashes_due_by_the_hosts_clock()
    {
        await using var database = await TestDatabase.PostgresAsync();
        await using var app = new EmporiumApp(new Dictionary<string, string?>(database.Settings) { ["Emporium:DemoData"] = "false" });
        var kit = new RedisCartKit(app);
        var (user, guest) = (RedisCartKit.NewUser(), RedisCartKit.NewGuest());
        await RedisCartKit.SetAsync(kit.Store, user, "sku-a", 1);
        await RedisCartKit.SetAsync(kit.Store, guest, "sku-a", 1);

        (await kit.Store.PurgeExpiredAsync(DateTimeOffset.UtcNow.AddDays(8), CancellationToken.None)).ShouldBe(1, "the guest cart");
        (await kit.RedisVersionAsync(guest)).ShouldBeNull();
        (await kit.DurableAsync(user)).ShouldNotBeNull();

        (await kit.Store.PurgeExpiredAsync(DateTimeOffset.UtcNow.AddDays(31), CancellationToken.None)).ShouldBe(1, "the user's copy");
        (await kit.DurableAsync(user)).ShouldBeNull();
        (await kit.Store.FindAsync(user, CancellationToken.None)).ShouldBeNull();
    }
}
