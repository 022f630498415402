using System.Security.Claims;
using Emporium.Accounts.Authentication;
using Microsoft.AspNetCore.Authentication;

namespace Emporium.UnitTests.Accounts;

public sealed class CachedTicketFormatTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero); // ManualClock's start

    /// <summary>Counts what reaches the real format: "good:user" opens to a ticket for that user, anything else fails.</summary>
    private sealed class CountingFormat(DateTimeOffset expires) : ISecureDataFormat<AuthenticationTicket>
    {
        public int Opened { get; private set; }

        public string Protect(AuthenticationTicket data) => throw new NotSupportedException();

        public string Protect(AuthenticationTicket data, string? purpose) => throw new NotSupportedException();

        public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
        {
            Opened++;
            if (protectedText?.StartsWith("good:", StringComparison.Ordinal) != true)
            {
                return null;
            }

            var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, protectedText[5..])], "Bearer");
            return new AuthenticationTicket(new ClaimsPrincipal(identity), new AuthenticationProperties { ExpiresUtc = expires }, "Bearer");
        }
    }

    [Fact]
    public void A_token_is_opened_once_and_each_caller_gets_its_own_principal()
    {
        var inner = new CountingFormat(Now.AddHours(1));
        using var format = new CachedTicketFormat(inner, new ManualClock());

        var first = format.Unprotect("good:ada")!;
        var second = format.Unprotect("good:ada")!;

        inner.Opened.ShouldBe(1);
        second.Principal.FindFirstValue(ClaimTypes.NameIdentifier).ShouldBe("ada");
        second.Properties.ExpiresUtc.ShouldBe(Now.AddHours(1), "the handler still checks the expiry on every request");
        second.Principal.ShouldNotBeSameAs(first.Principal);
        format.Unprotect("good:bob")!.Principal.FindFirstValue(ClaimTypes.NameIdentifier).ShouldBe("bob");
    }

    [Fact]
    public void Tokens_that_fail_or_have_expired_or_carry_a_purpose_are_not_remembered()
    {
        var inner = new CountingFormat(Now.AddMinutes(-1));
        using var format = new CachedTicketFormat(inner, new ManualClock());

        format.Unprotect("garbage").ShouldBeNull();
        format.Unprotect("garbage").ShouldBeNull();
        format.Unprotect("good:expired").ShouldNotBeNull();
        format.Unprotect("good:expired").ShouldNotBeNull();
        format.Unprotect("good:purpose", "other");
        format.Unprotect("good:purpose", "other");

        inner.Opened.ShouldBe(6);
    }
}
