using Emporium.Contracts.Orders;
using Emporium.Orders.Model;
using Emporium.Orders.Placing;
using Emporium.Orders.Staff;

namespace Emporium.UnitTests.Orders;

/// <summary>What placing and staff transitions accept, checked before anything is read or written.</summary>
public sealed class OrderInputTests
{
    private static PlaceOrder Request() => new(
        "ord-1",
        "user-1",
        "chk-1",
        "EUR",
        [
            new("sku-1", "prod-1", "Mug", "seller-1", new Dictionary<string, string> { ["colour"] = "red", ["size"] = "L" }, 3, 500, 1_500),
            new("sku-2", "prod-2", "Lamp", "seller-2", new Dictionary<string, string>(), 1, 2_000, 2_000),
        ],
        3_500,
        400,
        700,
        4_600,
        new ShippingAddress("Jean Dupont", "1 rue de Rivoli", null, "Paris", null, "75001", "FR", null),
        "pay-1",
        "res-1");

    [Fact]
    public void A_sound_request_is_valid_and_its_fingerprint_ignores_the_order_attributes_were_added_in()
    {
        var request = Request();
        var reordered = request with
        {
            Lines = [request.Lines[0] with { Attributes = new Dictionary<string, string> { ["size"] = "L", ["colour"] = "red" } }, request.Lines[1]],
        };

        var valid = PlaceOrderRules.Validate(request);

        valid.IsSuccess.ShouldBeTrue(valid.Error?.Message);
        PlaceOrderRules.Validate(reordered).Value.Fingerprint.ShouldBe(valid.Value.Fingerprint);
    }

    [Fact]
    public void Any_difference_in_the_request_changes_its_fingerprint()
    {
        var request = Request();
        var fingerprint = PlaceOrderRules.Validate(request).Value.Fingerprint;
        PlaceOrder[] variants =
        [
            request with { PaymentId = "pay-2" },
            request with { ReservationId = "res-2" },
            request with { ShippingAddress = request.ShippingAddress with { Line2 = "Bâtiment B" } },
            request with { Lines = [request.Lines[0] with { Title = "Big mug" }, request.Lines[1]] },
            request with { Lines = [request.Lines[1], request.Lines[0]] },
        ];

        foreach (var variant in variants)
        {
            PlaceOrderRules.Validate(variant).Value.Fingerprint.ShouldNotBe(fingerprint);
        }
    }

    [Fact]
    public void Sums_that_do_not_add_up_are_refused_field_by_field()
    {
        var request = Request();
        var bad = request with
        {
            Lines = [request.Lines[0] with { LineTotal = 1_501 }, request.Lines[1] with { Quantity = 10_001 }],
            Shipping = -1,
            ShippingAddress = request.ShippingAddress with { City = " ", Country = "fr" },
        };

        var refused = PlaceOrderRules.Validate(bad);

        refused.Error!.Fields!.Keys.ShouldBe(
            ["lines[0].lineTotal", "lines[1].quantity", "shipping", "shippingAddress.city", "shippingAddress.country"], ignoreOrder: true);
    }

    [Fact]
    public void A_line_total_that_would_overflow_is_refused_not_wrapped()
    {
        var request = Request();
        var huge = request with { Lines = [request.Lines[0] with { Quantity = 2, UnitPrice = long.MaxValue / 2 + 1, LineTotal = 0 }] };

        PlaceOrderRules.Validate(huge).Error!.Fields!.Keys.ShouldContain("lines[0].unitPrice");
    }

    [Fact]
    public void Staff_transitions_become_the_commands_they_name()
    {
        TransitionRules.Parse(new("packed", null, null, null), "staff:1").Value.ShouldBe(new OrderCommand.Pack("staff:1"));
        TransitionRules.Parse(new("shipped", " DHL ", "", null), "staff:1").Value.ShouldBe(new OrderCommand.Ship("DHL", null, "staff:1"));
        TransitionRules.Parse(new("delivered", null, null, null), "staff:1").Value.ShouldBe(new OrderCommand.Deliver("staff:1"));
        TransitionRules.Parse(new("completed", null, null, null), "staff:1").Value.ShouldBe(new OrderCommand.Complete("staff:1"));
        TransitionRules.Parse(new("refunded", null, null, " Returned "), "staff:1").Value.ShouldBe(new OrderCommand.Refund("Returned", "staff:1"));
    }

    [Theory]
    [InlineData(null, null, null, null, "to")]
    [InlineData("Packed", null, null, null, "to")]
    [InlineData("paid", null, null, null, "to")]
    [InlineData("cancelled", null, null, null, "to")]
    [InlineData("refunded", null, null, "   ", "reason")]
    [InlineData("delivered", null, "Z1", null, "trackingNumber")]
    [InlineData("completed", null, null, "why", "reason")]
    public void Staff_transitions_that_make_no_sense_are_refused_naming_the_field(string? to, string? carrier, string? tracking, string? reason, string field)
    {
        var refused = TransitionRules.Parse(new(to, carrier, tracking, reason), "staff:1");

        refused.Error!.Fields!.Keys.ShouldContain(field);
    }
}
