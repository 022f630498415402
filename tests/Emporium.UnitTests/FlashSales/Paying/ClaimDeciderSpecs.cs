using Emporium.Contracts.FlashSales;
using Emporium.FlashSales.Paying;

namespace Emporium.UnitTests.FlashSales.Paying;

/// <summary>The claim's rules while checkout pays it: Given a stored claim, When an operation, Then a decision or an error.</summary>
public sealed class ClaimDeciderSpecs
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly ClaimState Claimed = new("c1", 7, "buyer", ClaimStatus.Claimed, T0.AddMinutes(10), null, null, null);
    private static readonly ClaimState PayingByA = Claimed with { Status = ClaimStatus.Paying, CheckoutId = "A", ReservationId = "r1" };

    [Fact]
    public void Given_a_claimed_claim_in_time_when_its_buyer_begins_then_a_unit_is_carved_and_the_claim_is_paying()
    {
        ClaimDecider.Begin(Claimed, "buyer", "A", T0.AddMinutes(9)).Value.ShouldBeOfType<BeginDecision.Carve>();

        ClaimDecider.Evolve(Claimed, new ClaimEvent.CheckoutBegun("A", "r1")).ShouldBe(PayingByA);
    }

    [Fact]
    public void Given_a_paying_claim_when_the_same_checkout_begins_again_then_it_resumes_its_reservation() =>
        ClaimDecider.Begin(PayingByA, "buyer", "A", T0.AddHours(1)).Value.ShouldBe(new BeginDecision.Resume("r1"), "a paying claim does not expire");

    [Fact]
    public void Beginning_is_refused_for_strangers_late_claims_and_claims_another_checkout_pays_or_paid()
    {
        ClaimDecider.Begin(null, "buyer", "A", T0).Error!.Code.ShouldBe("claim_not_found");
        ClaimDecider.Begin(Claimed, "someone-else", "A", T0).Error!.Code.ShouldBe("claim_not_found", "another buyer's claim looks unknown");
        ClaimDecider.Begin(Claimed, "buyer", "A", T0.AddMinutes(10)).Error!.Code.ShouldBe("claim_expired", "the deadline is exclusive");
        ClaimDecider.Begin(Claimed with { Status = ClaimStatus.Expired }, "buyer", "A", T0).Error!.Code.ShouldBe("claim_expired");
        ClaimDecider.Begin(PayingByA, "buyer", "B", T0).Error!.Code.ShouldBe("claim_in_checkout");
        ClaimDecider.Begin(PayingByA with { Status = ClaimStatus.Paid }, "buyer", "A", T0).Error!.Code.ShouldBe("claim_paid");
        ClaimDecider.Begin(PayingByA with { Status = ClaimStatus.Cancelled }, "buyer", "B", T0).Error!.Code.ShouldBe("claim_cancelled");
    }

    [Fact]
    public void Given_a_paying_claim_when_its_checkout_abandons_then_its_reservation_is_returned_and_the_claim_is_claimed_or_cancelled()
    {
        ClaimDecider.Abandon(PayingByA, "A").Value.ShouldBe("r1");

        ClaimDecider.Evolve(PayingByA, new ClaimEvent.CheckoutAbandoned(UnitWentToShelf: false))
            .ShouldBe(Claimed, "the claim can be paid again until its unchanged deadline");
        ClaimDecider.Evolve(PayingByA, new ClaimEvent.CheckoutAbandoned(UnitWentToShelf: true))
            .ShouldBe(PayingByA with { Status = ClaimStatus.Cancelled });
    }

    [Fact]
    public void Abandoning_changes_nothing_when_the_checkout_is_not_paying_the_claim()
    {
        ClaimDecider.Abandon(PayingByA, "B").Value.ShouldBeNull();
        ClaimDecider.Abandon(Claimed, "A").Value.ShouldBeNull("abandoned already: a repeat does nothing");
        ClaimDecider.Abandon(PayingByA with { Status = ClaimStatus.Paid }, "B").Value.ShouldBeNull();
        ClaimDecider.Abandon(null, "A").Error!.Code.ShouldBe("claim_not_found");
    }

    [Fact]
    public void Given_a_paying_claim_when_its_checkout_completes_then_it_is_paid_once()
    {
        var paid = ClaimDecider.Complete(PayingByA, "A", "order-1").Value.ShouldBeOfType<ClaimEvent.Paid>();
        var after = ClaimDecider.Evolve(PayingByA, paid);

        after.ShouldBe(PayingByA with { Status = ClaimStatus.Paid, OrderId = "order-1" });
        ClaimDecider.Complete(after, "A", "order-1").Value.ShouldBeNull("a repeat changes nothing");
    }

    [Fact]
    public void Completing_is_refused_for_a_checkout_that_is_not_paying_the_claim()
    {
        var paid = PayingByA with { Status = ClaimStatus.Paid, OrderId = "order-1" };

        ClaimDecider.Complete(paid, "B", "order-2").Error!.Code.ShouldBe("claim_paid");
        ClaimDecider.Complete(PayingByA, "B", "order-2").Error!.Code.ShouldBe("claim_in_checkout");
        ClaimDecider.Complete(Claimed, "A", "order-1").Error!.Code.ShouldBe("claim_not_in_checkout");
        ClaimDecider.Complete(Claimed with { Status = ClaimStatus.Expired }, "A", "order-1").Error!.Code.ShouldBe("claim_expired");
        ClaimDecider.Complete(PayingByA with { Status = ClaimStatus.Cancelled }, "A", "order-1").Error!.Code.ShouldBe("claim_cancelled");
        ClaimDecider.Complete(null, "A", "order-1").Error!.Code.ShouldBe("claim_not_found");
    }
}
