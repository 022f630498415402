using Emporium.FlashSales.Sales;

namespace Emporium.UnitTests.FlashSales.WaitingRoom;

/// <summary>A sale with a waiting room and a clock the test moves by hand.</summary>
internal static class WaitingRoomSpec
{
    public static readonly DateTimeOffset Start = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    public static FlashSale Sale(int admitPerSecond = 10, int quantity = 100, long id = 7, DateTimeOffset? startsAt = null)
    {
        var starts = startsAt ?? Start;
        var ends = starts.AddMinutes(10);
        return new FlashSale(
            id, "sku-1", 500, "USD", quantity, 2, "US", starts, ends, ends.AddMinutes(40), admitPerSecond, SaleStatus.Open, "allotment-1");
    }

    public static DateTimeOffset At(double secondsAfterStart) => Start + TimeSpan.FromSeconds(secondsAfterStart);
}

internal sealed class HandClock(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset _now = now;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;

    public void Set(DateTimeOffset to) => _now = to;
}
