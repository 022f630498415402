using Dapper;
using Emporium.Adapters.Redis.Carts;
using Emporium.Adapters.Redis.Connection;
using Emporium.BuildingBlocks;
using Emporium.Cart;
using Emporium.Cart.Identity;
using Emporium.Cart.Merging;
using Emporium.Cart.Model;
using Emporium.Cart.Storage;
using Emporium.Cart.Viewing;
using Emporium.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Emporium.IntegrationTests.Cart;

/// <summary>The scale-out cart store seen from the side: its Redis hashes, its PostgreSQL copies, a flush, a crash.</summary>
internal sealed class RedisCartKit(EmporiumApp app)
{
    public static readonly Money Price = new(1_000, "USD");

    public ICartStore Store => app.Services.GetRequiredService<ICartStore>();

    private RedisStore Redis => app.Services.GetRequiredService<RedisStore>();

    public static CartOwner NewUser() => CartOwner.User("user-" + TestCatalog.UniqueWord());

    public static CartOwner NewGuest() => CartOwner.Guest(GuestCartId.New());

    /// <summary>Another store on the same Redis and database (another app instance) that dies right after its PostgreSQL commit.</summary>
    public RedisCartStore CrashingAfterDurableSave() => new(
        Redis, app.Services.GetRequiredService<DurableCartCopy>(), TimeProvider.System, NullLogger<RedisCartStore>.Instance)
    {
        AfterDurableSave = _ => throw new SimulatedCrashException(),
    };

    public static async Task<StoredCart?> SetAsync(ICartStore store, CartOwner owner, string sku, int quantity)
    {
        var rules = CartSettings.Default.RulesFor(owner.Kind);
        var command = new CartCommand.SetQuantity(sku, quantity, Price);
        var changed = await store.ChangeAsync(owner, state => CartDecider.Decide(command, state, rules, DateTimeOffset.UtcNow), CancellationToken.None);
        changed.IsSuccess.ShouldBeTrue();
        return changed.Value;
    }

    public Task<bool> RemovePurchasedAsync(ICartStore store, CartOwner owner, string purchaseId, string sku, int units)
    {
        var now = DateTimeOffset.UtcNow;
        var command = new CartCommand.RemovePurchased(new Dictionary<string, int> { [sku] = units });
        var rules = CartSettings.Default.RulesFor(owner.Kind);
        return store.ChangeForPurchaseAsync(owner, purchaseId, state => CartDecider.Decide(command, state, rules, now), now, CancellationToken.None);
    }

    public MergeGuestCart Merge(ICartStore store, MergePolicy policy) =>
        new(store, app.Services.GetRequiredService<CartSkus>(), TimeProvider.System, CartSettings.Default with { MergePolicy = policy });

    public async Task<List<(string, int)>> LinesAsync(CartOwner owner) =>
        (await Store.FindAsync(owner, CancellationToken.None))?.State.LinesInOrder().Select(l => (l.SkuId, l.Quantity)).ToList() ?? [];

    /// <summary>The version field of the owner's hash (null: no hash).</summary>
    public async Task<long?> RedisVersionAsync(CartOwner owner)
    {
        var value = await Redis.Database.HashGetAsync(CartKeys.Cart(Redis, owner), CartHash.VersionField);
        return value.IsNull ? null : (long)value;
    }

    public async Task<TimeSpan?> TimeToLiveAsync(CartOwner owner) => await Redis.Database.KeyTimeToLiveAsync(CartKeys.Cart(Redis, owner));

    public Task ExpireHashAsync(CartOwner owner, TimeSpan after) => Redis.Database.KeyExpireAsync(CartKeys.Cart(Redis, owner), after);

    /// <summary>The user's durable copy: (version, lines as sku → quantity), or null when there is no row.</summary>
    public async Task<(long Version, Dictionary<string, int> Lines)?> DurableAsync(CartOwner owner)
    {
        await using var connection = await app.Database.OpenAsync();
        var header = await connection.QuerySingleOrDefaultAsync<(string Id, long Version)?>(
            "SELECT id, version FROM cart_carts WHERE owner_kind = @Kind AND owner_id = @Id", new { Kind = owner.KindName, owner.Id });
        if (header is not { } row)
        {
            return null;
        }

        var lines = await connection.QueryAsync<(string Sku, int Quantity)>(
            "SELECT sku_id, quantity FROM cart_lines WHERE cart_id = @Id", new { row.Id });
        return (row.Version, lines.ToDictionary(l => l.Sku, l => l.Quantity));
    }

    public Task<long> DurableCartCountAsync(CartOwner owner) =>
        CartTestSkus.CountAsync(app, "SELECT COUNT(*) FROM cart_carts WHERE owner_kind = @Kind AND owner_id = @Id", new { Kind = owner.KindName, owner.Id });

    /// <summary>
    /// What a Redis loss looks like to this deployment: every key under its prefix is deleted. (Not
    /// FLUSHALL: the suite's Redis is shared by fixtures that run at the same time.)
    /// </summary>
    public async Task FlushAsync()
    {
        var multiplexer = Redis.Database.Multiplexer;
        var server = multiplexer.GetServer(multiplexer.GetEndPoints()[0]);
        var keys = server.Keys(pattern: Redis.KeyPrefix + "*", pageSize: 1_000).ToArray();
        keys.ShouldNotBeEmpty();
        await Redis.Database.KeyDeleteAsync(keys);
        server.Keys(pattern: Redis.KeyPrefix + "*").ShouldBeEmpty();
    }
}

internal sealed class SimulatedCrashException() : Exception("Simulated crash between the PostgreSQL commit and the Redis write.");

internal static class RedisCartAssertions
{
    public static async Task ShouldCrashAsync(this Task task) => await Should.ThrowAsync<SimulatedCrashException>(task);
}
