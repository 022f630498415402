using Emporium.IntegrationTests.Infrastructure;

namespace Emporium.IntegrationTests.FlashSales.Buying;

/// <summary>
/// A host on a fresh database whose clock the tests move (sale windows, claim deadlines). Its sweeps never
/// tick on their own (the interval is a day): the tests sweep themselves. Rate limits are at their defaults.
/// </summary>
public abstract class BuyingFixture(bool postgres) : ClockAppFixture(postgres, new Dictionary<string, string?> { ["Emporium:FlashSales:SweepSeconds"] = "86400" });

public sealed class SqliteBuyingFixture() : BuyingFixture(postgres: false);

public sealed class PostgresBuyingFixture() : BuyingFixture(postgres: true);
