using Emporium.Contracts.Inventory;
using Emporium.FlashSales;
using Emporium.FlashSales.Sales;

namespace Emporium.UnitTests.FlashSales.Sales;

public sealed class AllotmentTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly FlashSalesSettings Settings = new() { AllotmentHold = TimeSpan.FromHours(12) };

    [Fact]
    public void The_allotment_is_one_line_reserved_under_a_key_derived_from_the_sale()
    {
        var request = Allotment.Request(42, "sku-1", 1000, "GB", TimeSpan.FromHours(2));

        (request.Owner, request.RequestKey, request.Destination, request.Hold)
            .ShouldBe(("flash-sale:42", "flash-sale:42:allotment", new StockDestination("GB"), TimeSpan.FromHours(2)));
        request.Lines.ShouldBe([new ReserveStockLine("sku-1", 1000)]);
    }

    [Fact]
    public void It_is_held_until_the_sale_settles_but_no_further_ahead_than_a_full_hold()
    {
        Allotment.Hold(Now.AddHours(2), Now, Settings).ShouldBe(TimeSpan.FromHours(2));
        Allotment.Hold(Now.AddDays(3), Now, Settings).ShouldBe(TimeSpan.FromHours(12));
        Allotment.Hold(Now.AddSeconds(-5), Now, Settings).ShouldBe(Allotment.MinHold, "a sale recovered after its settle time still gets a valid hold");
    }

    [Fact]
    public void It_is_renewed_only_when_less_than_half_a_hold_is_left_and_never_past_the_settle_time()
    {
        var settlesAt = Now.AddDays(2);

        Allotment.RenewTo(Now.AddHours(6), settlesAt, Now, Settings).ShouldBeNull("exactly half is left");
        Allotment.RenewTo(Now.AddHours(6).AddSeconds(-1), settlesAt, Now, Settings).ShouldBe(Now.AddHours(12));
        Allotment.RenewTo(Now.AddHours(1), Now.AddHours(5), Now, Settings).ShouldBe(Now.AddHours(5));
        Allotment.RenewTo(Now.AddHours(5), Now.AddHours(5), Now, Settings).ShouldBeNull("it already lasts until the sale settles");
    }
}
