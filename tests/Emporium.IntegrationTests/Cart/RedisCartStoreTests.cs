using Emporium.Adapters.Redis.Carts;
using Emporium.Cart;
using Emporium.IntegrationTests.Infrastructure;

namespace Emporium.IntegrationTests.Cart;

/// <summary>
/// The scale-out cart store (Redis hashes, signed-in carts also in PostgreSQL) under concurrent writers:
/// each change is one compare-and-set on the cart's version, so none is lost and one owner has one cart.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class RedisCartStoreTests(PostgresAppFixture fixture)
{
    private readonly RedisCartKit _kit = new(fixture.App);

    [Fact]
    public void The_scale_out_deployment_keeps_carts_in_redis()
    {
        _kit.Store.ShouldBeOfType<RedisCartStore>();
    }

    [Fact]
    public async Task Thirty_concurrent_first_sets_of_different_skus_on_a_user_make_one_cart_with_every_line_and_version()
    {
        var user = RedisCartKit.NewUser();
        var skus = Enumerable.Range(0, 30).Select(i => $"sku-{i:00}").ToList();

        await Task.WhenAll(skus.Select(sku => Task.Run(() => RedisCartKit.SetAsync(_kit.Store, user, sku, 2))));

        (await _kit.LinesAsync(user)).Select(l => l.Item1).Order().ShouldBe(skus);
        (await _kit.DurableCartCountAsync(user)).ShouldBe(1);
        var durable = (await _kit.DurableAsync(user))!.Value;
        durable.Lines.Keys.Order().ShouldBe(skus);
        durable.Version.ShouldBe(30, "one version per change: none was lost or written twice");
        (await _kit.RedisVersionAsync(user)).ShouldBe(30);
    }

    [Fact]
    public async Task Thirty_concurrent_sets_of_different_skus_on_a_guest_cart_keep_every_line()
    {
        var guest = RedisCartKit.NewGuest();
        await RedisCartKit.SetAsync(_kit.Store, guest, "sku-first", 1);
        var skus = Enumerable.Range(0, 30).Select(i => $"sku-{i:00}").ToList();

        await Task.WhenAll(skus.Select(sku => Task.Run(() => RedisCartKit.SetAsync(_kit.Store, guest, sku, 3))));

        var lines = await _kit.LinesAsync(guest);
        lines.Count.ShouldBe(31);
        lines.Where(l => l.Item1 != "sku-first").ShouldAllBe(l => l.Item2 == 3);
        (await _kit.RedisVersionAsync(guest)).ShouldBe(31);
    }

    [Fact]
    public async Task Concurrent_sets_of_one_sku_end_in_one_of_them_with_the_same_state_and_version_in_both_stores()
    {
        var user = RedisCartKit.NewUser();
        await RedisCartKit.SetAsync(_kit.Store, user, "sku-raced", 1);
        var quantities = Enumerable.Range(0, 24).Select(i => 2 + (i % 9)).ToList();

        await Task.WhenAll(quantities.Select(q => Task.Run(() => RedisCartKit.SetAsync(_kit.Store, user, "sku-raced", q))));

        var lines = await _kit.LinesAsync(user);
        lines.Count.ShouldBe(1);
        quantities.ShouldContain(lines[0].Item2);
        var durable = (await _kit.DurableAsync(user))!.Value;
        durable.Lines.ShouldBe(new Dictionary<string, int> { ["sku-raced"] = lines[0].Item2 });
        (await _kit.RedisVersionAsync(user)).ShouldBe(durable.Version);
        durable.Version.ShouldBeInRange(2, 1 + quantities.Count);
    }

    [Fact]
    public async Task A_hash_lives_as_long_as_its_cart_and_every_change_renews_it()
    {
        var guest = RedisCartKit.NewGuest();
        var user = RedisCartKit.NewUser();
        await RedisCartKit.SetAsync(_kit.Store, guest, "sku-a", 1);
        await RedisCartKit.SetAsync(_kit.Store, user, "sku-a", 1);

        ShouldBeAbout((await _kit.TimeToLiveAsync(guest))!.Value, CartSettings.Default.GuestLifetime);
        ShouldBeAbout((await _kit.TimeToLiveAsync(user))!.Value, CartSettings.Default.UserLifetime);

        await _kit.ExpireHashAsync(guest, TimeSpan.FromMinutes(5)); // as if days had passed
        await RedisCartKit.SetAsync(_kit.Store, guest, "sku-b", 1);
        ShouldBeAbout((await _kit.TimeToLiveAsync(guest))!.Value, CartSettings.Default.GuestLifetime);
    }

    [Fact]
    public async Task A_merge_repeated_concurrently_with_the_sum_policy_adds_the_guest_lines_once()
    {
        var sku = (await CartTestSkus.CreateAsync(fixture.App, 1_000))[0];
        var user = RedisCartKit.NewUser();
        var guest = RedisCartKit.NewGuest();
        await RedisCartKit.SetAsync(_kit.Store, user, sku, 3);
        await RedisCartKit.SetAsync(_kit.Store, guest, sku, 4);
        var merge = _kit.Merge(_kit.Store, Emporium.Cart.Model.MergePolicy.Sum);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => merge.RunAsync(guest.Id, user.Id, CancellationToken.None))));

        (await _kit.LinesAsync(user)).ShouldBe([(sku, 7)]);
        (await _kit.DurableAsync(user))!.Value.Lines.ShouldBe(new Dictionary<string, int> { [sku] = 7 });
        (await _kit.Store.FindAsync(guest, CancellationToken.None)).ShouldBeNull();
    }

    private static void ShouldBeAbout(TimeSpan actual, TimeSpan lifetime) =>
        actual.ShouldBeInRange(lifetime - TimeSpan.FromMinutes(1), lifetime);
}
