using Emporium.FlashSales;
using Emporium.FlashSales.WaitingRoom;
using Microsoft.AspNetCore.DataProtection;
using static Emporium.UnitTests.FlashSales.WaitingRoom.WaitingRoomSpec;

namespace Emporium.UnitTests.FlashSales.WaitingRoom;

/// <summary>Purchase tokens: good for their sale and their buyer, until they expire; nothing else gets in.</summary>
public sealed class PurchaseTokenTests
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);
    private readonly HandClock _clock = new(At(5));
    private readonly IDataProtectionProvider _keys = new EphemeralDataProtectionProvider();

    private PurchaseTokens Tokens(IDataProtectionProvider? keys = null) =>
        new(keys ?? _keys, new FlashSalesSettings { PurchaseTokenLifetime = Lifetime }, _clock);

    [Fact]
    public void A_token_admits_its_buyer_to_its_sale_until_it_expires()
    {
        var tokens = Tokens();
        var sale = Sale();

        var token = tokens.Issue(sale, "ann", "ticket-1");

        token.ExpiresAt.ShouldBe(At(5) + Lifetime);
        tokens.IsAdmitted(sale, "ann", token.Value).ShouldBeTrue();
        _clock.Advance(Lifetime - TimeSpan.FromMilliseconds(1));
        tokens.IsAdmitted(sale, "ann", token.Value).ShouldBeTrue();
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        tokens.IsAdmitted(sale, "ann", token.Value).ShouldBeFalse("expired");
    }

    [Fact]
    public void A_token_admits_nobody_else_and_to_no_other_sale()
    {
        var tokens = Tokens();
        var token = tokens.Issue(Sale(id: 7), "ann", "ticket-1").Value;

        tokens.IsAdmitted(Sale(id: 7), "bob", token).ShouldBeFalse();
        tokens.IsAdmitted(Sale(id: 8), "ann", token).ShouldBeFalse();
    }

    [Fact]
    public void Missing_forged_altered_or_foreign_tokens_admit_nobody()
    {
        var tokens = Tokens();
        var sale = Sale();
        var token = tokens.Issue(sale, "ann", "ticket-1").Value;
        var altered = (token[10] == 'A' ? "B" : "A") is var c ? token[..10] + c + token[11..] : token;

        tokens.IsAdmitted(sale, "ann", null).ShouldBeFalse();
        tokens.IsAdmitted(sale, "ann", "").ShouldBeFalse();
        tokens.IsAdmitted(sale, "ann", "not a token!").ShouldBeFalse();
        tokens.IsAdmitted(sale, "ann", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").ShouldBeFalse();
        tokens.IsAdmitted(sale, "ann", altered).ShouldBeFalse();
        tokens.IsAdmitted(sale, "ann", token[..^4]).ShouldBeFalse();
        tokens.IsAdmitted(sale, "ann", new string('A', 5000)).ShouldBeFalse();

        // Sealed with other keys (another deployment): worthless here.
        var foreign = Tokens(new EphemeralDataProtectionProvider()).Issue(sale, "ann", "ticket-1").Value;
        tokens.IsAdmitted(sale, "ann", foreign).ShouldBeFalse();
    }

    [Fact]
    public void Tokens_survive_a_restart_because_they_live_in_the_keys_not_in_memory()
    {
        var sale = Sale();
        var token = Tokens().Issue(sale, "ann", "ticket-1").Value;

        // A new instance over the same keys: what a restarted process with its keys on disk has.
        Tokens().IsAdmitted(sale, "ann", token).ShouldBeTrue();
    }

    [Fact]
    public void Purchase_tokens_are_not_interchangeable_with_other_data_protected_values()
    {
        var sale = Sale();
        var otherPurpose = Convert.ToBase64String(_keys.CreateProtector("Emporium.Something.Else").Protect([1, 2, 3]))
            .Replace('+', '-').Replace('/', '_').TrimEnd('=');

        Tokens().IsAdmitted(sale, "ann", otherPurpose).ShouldBeFalse();
    }
}
