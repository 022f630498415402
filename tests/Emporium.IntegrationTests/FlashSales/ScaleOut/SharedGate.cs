using System.Collections.Concurrent;
using Emporium.IntegrationTests.FlashSales.Buying;
using Emporium.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Emporium.IntegrationTests.FlashSales.ScaleOut;

/// <summary>What the shared-gate tests do to a scale-out deployment: buy until told no, and lose Redis's keys.</summary>
internal static class SharedGate
{
    /// <summary>Settings for instances of one deployment (rate limits off: the tests hammer from one address).</summary>
    public static Dictionary<string, string?> Settings(TestDatabase database) => new(database.Settings)
    {
        ["Emporium:DemoData"] = "false",
        ["Emporium:RateLimits:Enabled"] = "false",
        ["Emporium:FlashSales:SweepSeconds"] = "86400",
    };

    /// <summary>
    /// One buyer presses buy until the gate says no for good (sold out, or their limit), retrying an answer
    /// that says "try again" (503: the claim was not stored). Records every 201.
    /// </summary>
    public static async Task BuyUntilRefusedAsync(HttpClient client, MintedUsers.Minted buyer, string saleId, ConcurrentBag<(string UserId, string ClaimId)> won)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var answer = await BuyingApi.PurchaseAsync(client, saleId, buyer.Authorization);
            switch (answer.Status)
            {
                case 201:
                    won.Add((buyer.UserId, answer.ClaimId!));
                    break;
                case 503:
                    await Task.Delay(10);
                    break;
                case 409 or 410:
                    return;
                default:
                    throw new InvalidOperationException("Unexpected answer: " + answer);
            }
        }

        throw new InvalidOperationException($"Buyer {buyer.UserId} was never told no.");
    }

    /// <summary>Deletes every key of the deployment (a Redis flush, without touching other tests' keys).</summary>
    public static async Task FlushAsync(TestDatabase database)
    {
        var prefix = database.Settings["Emporium:Redis:KeyPrefix"]!;
        // SCAN runs synchronously in this client version; mid-sale on a busy 2-core machine it can take longer than the default 5 s.
        using var redis = await ConnectionMultiplexer.ConnectAsync(TestDatabase.RedisConfiguration + ",allowAdmin=true,syncTimeout=30000");
        var server = redis.GetServer(redis.GetEndPoints().Single());
        foreach (var key in server.Keys(pattern: prefix + "*").ToList())
        {
            await redis.GetDatabase().KeyDeleteAsync(key);
        }
    }

    /// <summary>
    /// Loses one sale's Redis gate, when the app has one: a test that writes claims behind the gate's back
    /// then sees the gate rebuilt from storage, as after a flush (the reconciliation job may have built the
    /// gate at any moment since the sale opened). The in-process gate loads from storage on first use anyway.
    /// </summary>
    public static async Task ForgetGateAsync(EmporiumApp app, string saleId)
    {
        var prefix = app.Services.GetRequiredService<IConfiguration>()["Emporium:Redis:KeyPrefix"];
        if (prefix is null)
        {
            return;
        }

        using var redis = await ConnectionMultiplexer.ConnectAsync(TestDatabase.RedisConfiguration);
        await redis.GetDatabase().KeyDeleteAsync([$"{prefix}{{sale:{saleId}}}:gate", $"{prefix}{{sale:{saleId}}}:buyers"]);
    }

    /// <summary>A stale restore of one sale's gate: the current generation, but <paramref name="remaining"/> units and no buyers.</summary>
    public static async Task RestoreStaleAsync(TestDatabase database, string saleId, int remaining)
    {
        var prefix = database.Settings["Emporium:Redis:KeyPrefix"]!;
        using var redis = await ConnectionMultiplexer.ConnectAsync(TestDatabase.RedisConfiguration);
        await redis.GetDatabase().HashSetAsync($"{prefix}{{sale:{saleId}}}:gate", "remaining", remaining);
        await redis.GetDatabase().KeyDeleteAsync($"{prefix}{{sale:{saleId}}}:buyers");
    }

    /// <summary>Takes a unit in Redis the way an instance does, and then "dies": no claim is ever stored for it.</summary>
    public static async Task TakeAndDieAsync(TestDatabase database, string saleId, string userId, DateTimeOffset now)
    {
        var prefix = database.Settings["Emporium:Redis:KeyPrefix"]!;
        using var redis = await ConnectionMultiplexer.ConnectAsync(TestDatabase.RedisConfiguration);
        RedisKey[] keys = [$"{prefix}{{sale:{saleId}}}:gate", $"{prefix}{{sale:{saleId}}}:buyers"];
        var answer = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(Adapters.Redis.FlashSales.GateScripts.Take, keys, [userId, now.ToUnixTimeMilliseconds()]))!;
        ((int)answer[0]).ShouldBe(0, "the ghost took a unit");
    }
}
