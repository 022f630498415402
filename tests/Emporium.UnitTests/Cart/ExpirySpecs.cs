using Emporium.Cart.Model;
using static Emporium.Cart.Model.CartEvent;
using static Emporium.UnitTests.Cart.CartSpec;

namespace Emporium.UnitTests.Cart;

public sealed class ExpirySpecs
{
    [Fact]
    public void A_cart_lives_until_its_lifetime_has_passed_since_the_last_change()
    {
        var spec = new CartSpec().Given(CartWith(T0, ("A", 1, 100)));

        spec.When(new CartCommand.Expire(), T0 + Lifetime - TimeSpan.FromMilliseconds(1)).ThenNothingChanges();
        spec.When(new CartCommand.Expire(), T0 + Lifetime).Then(new Expired(T0 + Lifetime));

        spec.State.ShouldBe(CartState.Empty.Instance);
    }

    [Fact]
    public void Every_change_renews_the_lifetime_so_an_active_cart_does_not_expire()
    {
        var changed = T0.AddDays(5);
        var spec = new CartSpec().Given(CartWith(T0, ("A", 1, 100)));

        spec.When(new CartCommand.SetQuantity("B", 1, Usd(200)), changed);
        spec.When(new CartCommand.Expire(), T0 + Lifetime).ThenNothingChanges();

        ((CartState.Open)spec.State).ExpiresAt.ShouldBe(changed + Lifetime);
    }

    [Fact]
    public void An_expired_cart_reads_as_empty_before_any_purge()
    {
        var state = StateOf(CartWith(T0, ("A", 1, 100)));

        state.AsOf(T0 + Lifetime - TimeSpan.FromSeconds(1)).ShouldBeOfType<CartState.Open>();
        state.AsOf(T0 + Lifetime).ShouldBe(CartState.Empty.Instance);
    }

    [Fact]
    public void Changing_an_expired_cart_starts_afresh_without_its_old_lines()
    {
        var later = T0 + Lifetime + TimeSpan.FromDays(1);

        new CartSpec()
            .Given(CartWith(T0, ("A", 3, 100)))
            .When(new CartCommand.SetQuantity("B", 1, Usd(200)), later)
            .Then(new Opened(later), new LineAdded("B", 1, Usd(200), later, later), new Renewed(later, later + Lifetime))
            .Lines.ShouldBe([("B", 1)]);
    }

    [Fact]
    public void Removing_from_an_expired_cart_changes_nothing() =>
        new CartSpec()
            .Given(CartWith(T0, ("A", 3, 100)))
            .When(new CartCommand.RemoveLine("A"), T0 + Lifetime)
            .ThenNothingChanges();

    [Fact]
    public void An_event_that_cannot_follow_the_state_is_a_bug_not_an_outcome() =>
        Should.Throw<InvalidCartTransitionException>(() => CartState.Evolve(CartState.Empty.Instance, new LineRemoved("A", T0)));
}
