using Emporium.Cart.Model;
using static Emporium.Cart.Model.CartEvent;
using static Emporium.UnitTests.Cart.CartSpec;

namespace Emporium.UnitTests.Cart;

/// <summary>A guest's cart folded into a user's at sign-in.</summary>
public sealed class MergeSpecs
{
    private static readonly DateTimeOffset SignIn = T0.AddHours(2);
    private static readonly DateTimeOffset GuestAdded = T0.AddHours(1);
    private static readonly Dictionary<string, int> NoKnownStock = [];

    private static CartState Guest(params (string Sku, int Quantity, long Price)[] lines) => StateOf(CartWith(GuestAdded, lines));

    private static CartCommand.Merge Merge(CartState guest, MergePolicy policy = MergePolicy.Max, Dictionary<string, int>? stock = null) =>
        new(guest, policy, stock ?? NoKnownStock);

    [Fact]
    public void With_max_a_sku_in_both_carts_takes_the_larger_quantity_and_new_skus_keep_the_guests_price_and_time() =>
        new CartSpec()
            .Given(CartWith(T0, ("A", 3, 1_000), ("C", 1, 300)))
            .When(Merge(Guest(("A", 4, 1_000), ("B", 1, 500))), SignIn)
            .Then(
                new QuantityChanged("A", 4, SignIn),
                new LineAdded("B", 1, Usd(500), GuestAdded, SignIn),
                new Renewed(SignIn, SignIn + Lifetime))
            .Lines.ShouldBe([("A", 4), ("C", 1), ("B", 1)]);

    [Fact]
    public void A_guest_line_added_in_the_same_millisecond_as_the_users_last_line_still_comes_after_it() =>
        new CartSpec()
            .Given(CartWith(GuestAdded, ("C", 1, 300)))
            .When(Merge(Guest(("A", 1, 700))), SignIn)
            .Then(
                new LineAdded("A", 1, Usd(700), GuestAdded.AddMilliseconds(1), SignIn),
                new Renewed(SignIn, SignIn + Lifetime))
            .Lines.ShouldBe([("C", 1), ("A", 1)]);

    [Fact]
    public void With_max_the_users_larger_quantity_stays() =>
        new CartSpec()
            .Given(CartWith(T0, ("A", 5, 1_000)))
            .When(Merge(Guest(("A", 2, 1_000))), SignIn)
            .ThenNothingChanges();

    [Fact]
    public void With_sum_a_sku_in_both_carts_adds_up() =>
        new CartSpec()
            .Given(CartWith(T0, ("A", 3, 1_000)))
            .When(Merge(Guest(("A", 4, 1_000)), MergePolicy.Sum), SignIn)
            .Then(new QuantityChanged("A", 7, SignIn), new Renewed(SignIn, SignIn + Lifetime));

    [Fact]
    public void With_sum_the_line_maximum_caps_the_total() =>
        new CartSpec()
            .Given(CartWith(T0, ("A", 8, 1_000)))
            .When(Merge(Guest(("A", 5, 1_000)), MergePolicy.Sum), SignIn)
            .Lines.ShouldBe([("A", 10)]);

    [Theory]
    [InlineData("max")]
    [InlineData("sum")]
    public void Known_stock_caps_a_merged_line_under_either_policy(string policy) =>
        new CartSpec()
            .Given(CartWith(T0, ("A", 1, 1_000)))
            .When(Merge(Guest(("A", 4, 1_000), ("B", 6, 500)), Enum.Parse<MergePolicy>(policy, ignoreCase: true), new() { ["A"] = 3, ["B"] = 2 }), SignIn)
            .Lines.ShouldBe([("A", 3), ("B", 2)]);

    [Fact]
    public void A_line_out_of_stock_comes_over_with_one_so_the_shopper_sees_its_notice() =>
        new CartSpec()
            .When(Merge(Guest(("A", 4, 1_000)), stock: new() { ["A"] = 0 }), SignIn)
            .Lines.ShouldBe([("A", 1)]);

    [Fact]
    public void Merging_into_no_cart_opens_the_users_cart_first() =>
        new CartSpec()
            .When(Merge(Guest(("A", 2, 1_000))), SignIn)
            .Then(new Opened(SignIn), new LineAdded("A", 2, Usd(1_000), GuestAdded, SignIn), new Renewed(SignIn, SignIn + Lifetime));

    [Fact]
    public void An_empty_or_expired_guest_cart_changes_nothing()
    {
        new CartSpec().Given(CartWith(T0, ("A", 1, 100))).When(Merge(CartState.Empty.Instance), SignIn).ThenNothingChanges();
        new CartSpec().Given(CartWith(T0, ("A", 1, 100))).When(Merge(Guest(("B", 1, 100))), GuestAdded + Lifetime).ThenNothingChanges();
    }

    [Fact]
    public void A_replayed_sign_in_merges_nothing_more_because_the_guest_cart_was_discarded()
    {
        var guest = new CartSpec().Given(CartWith(GuestAdded, ("A", 4, 1_000)));
        var user = new CartSpec().Given(CartWith(T0, ("A", 3, 1_000)));

        // First sign-in: the user's cart takes the lines, the guest's cart is discarded (one transaction in the store).
        user.When(Merge(guest.State, MergePolicy.Sum), SignIn);
        guest.When(new CartCommand.Discard(), SignIn).Then(new Discarded(SignIn));

        // Replay: what is left of the guest cart is nothing.
        user.When(Merge(guest.State, MergePolicy.Sum), SignIn.AddSeconds(1)).ThenNothingChanges();
        guest.When(new CartCommand.Discard(), SignIn.AddSeconds(1)).ThenNothingChanges();
        user.Lines.ShouldBe([("A", 7)]);
    }
}
