using Emporium.FlashSales.Buying;
using Microsoft.Extensions.Configuration;

namespace Emporium.UnitTests.FlashSales.Buying;

/// <summary>What the sold-out fast path recognises as a purchase, and the purchase limits' settings.</summary>
public sealed class BuyingInputTests
{
    [Theory]
    [InlineData("/api/flash-sales/42/purchase", 42)]
    [InlineData("/API/Flash-Sales/7/Purchase", 7)]
    [InlineData("/api/flash-sales/9223372036854775807/purchase", long.MaxValue)]
    public void The_fast_path_reads_the_sale_id_of_a_purchase_route(string path, long saleId)
    {
        SoldOutFastPath.TrySaleId(path, out var id).ShouldBeTrue();
        id.ShouldBe(saleId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("/api/flash-sales/42")]
    [InlineData("/api/flash-sales/42/queue")]
    [InlineData("/api/flash-sales//purchase")]
    [InlineData("/api/flash-sales/0/purchase")]
    [InlineData("/api/flash-sales/-3/purchase")]
    [InlineData("/api/flash-sales/4 2/purchase")]
    [InlineData("/api/flash-sales/42/purchase/")]
    [InlineData("/api/flash-sales/claims/purchase")]
    [InlineData("/api/flash-sales/99999999999999999999/purchase")]
    [InlineData("/x/api/flash-sales/42/purchase")]
    public void Anything_else_is_left_to_the_pipeline(string? path) =>
        SoldOutFastPath.TrySaleId(path, out _).ShouldBeFalse();

    [Fact]
    public void Purchase_limits_default_to_five_per_buyer_and_five_hundred_per_address_a_second_and_turn_off_with_every_limit()
    {
        PurchaseRateLimitSettings.From(Configuration([])).ShouldBe(new PurchaseRateLimitSettings(true, 5, 500));
        PurchaseRateLimitSettings.From(Configuration(new()
        {
            ["Emporium:RateLimits:Enabled"] = "false",
            ["Emporium:RateLimits:FlashSalePurchasesPerUserPerSecond"] = "2",
            ["Emporium:RateLimits:FlashSalePurchasesPerAddressPerSecond"] = "30",
        })).ShouldBe(new PurchaseRateLimitSettings(false, 2, 30));
        Should.Throw<InvalidOperationException>(() => PurchaseRateLimitSettings.From(Configuration(new() { ["Emporium:RateLimits:FlashSalePurchasesPerUserPerSecond"] = "0" })));
    }

    [Fact]
    public void A_disabled_limiter_never_limits_and_an_enabled_one_counts_per_buyer()
    {
        using var off = new InProcessPurchaseRateLimits(new PurchaseRateLimitSettings(false, 1, 1));
        for (var attempt = 0; attempt < 10; attempt++)
        {
            off.TryAcquire("ann", System.Net.IPAddress.Loopback, out _).ShouldBeTrue();
        }

        using var on = new InProcessPurchaseRateLimits(new PurchaseRateLimitSettings(true, 2, 100));
        on.TryAcquire("ann", null, out _).ShouldBeTrue();
        on.TryAcquire("ann", null, out _).ShouldBeTrue();
        on.TryAcquire("ann", null, out var retryAfter).ShouldBeFalse();
        retryAfter.ShouldBeGreaterThan(TimeSpan.Zero);
        on.TryAcquire("bob", null, out _).ShouldBeTrue("another buyer has a window of their own");
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
