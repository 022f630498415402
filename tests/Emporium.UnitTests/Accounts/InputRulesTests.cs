using Emporium.Accounts.Addresses;
using Emporium.Accounts.RateLimiting;
using Emporium.Accounts.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;

namespace Emporium.UnitTests.Accounts;

/// <summary>The accounts module's input rules as plain functions (no host, no database).</summary>
public sealed class InputRulesTests
{
    [Theory]
    [InlineData("ada@example.com", true)]
    [InlineData("ada.lovelace+shop@mail.example.co.uk", true)]
    [InlineData("ada@localhost", false)]
    [InlineData("@example.com", false)]
    [InlineData("ada@", false)]
    [InlineData("ada@@example.com", false)]
    [InlineData("a da@example.com", false)]
    [InlineData("ada@example..com", false)]
    [InlineData("ada@example.com.", false)]
    [InlineData("", false)]
    public void Email_addresses(string email, bool valid) => EmailAddress.IsValid(email).ShouldBe(valid);

    [Fact]
    public void Emails_compare_trimmed_lower_case_and_composed() =>
        EmailAddress.Normalize("  Ame\u0301lie@Example.COM ").ShouldBe(EmailAddress.Normalize("am\u00e9lie@example.com"));

    [Theory]
    [InlineData("Emporium-demo-1", true)]
    [InlineData("correcthorse9", true)]       // two classes are enough
    [InlineData("correct horse", true)]       // a space is an "other" character
    [InlineData("Short-1", false)]            // under 10
    [InlineData("correcthorsebattery", false)] // one class
    [InlineData("1234567890", false)]
    [InlineData("", false)]
    public void Passwords_need_ten_characters_of_at_least_two_kinds(string password, bool acceptable) =>
        (PasswordPolicy.Check(password) is null).ShouldBe(acceptable);

    [Fact]
    public void Passwords_have_an_upper_bound() =>
        PasswordPolicy.Check(new string('a', 128) + "1").ShouldNotBeNull();

    [Fact]
    public void A_hash_verifies_its_password_and_no_account_never_verifies()
    {
        var passwords = new Passwords();
        var hash = passwords.Hash("Correct-horse-7");

        passwords.Verify(hash, "Correct-horse-7").ShouldBe(PasswordVerificationResult.Success);
        passwords.Verify(hash, "Correct-horse-8").ShouldBe(PasswordVerificationResult.Failed);
        passwords.Verify(null, "Correct-horse-7").ShouldBe(PasswordVerificationResult.Failed);
    }

    [Fact]
    public void An_address_is_trimmed_and_blank_optional_parts_are_null()
    {
        var address = AddressRules.Validate(new AddressInput(" Ada ", " 1 Main St ", "  ", "Springfield", "", "62701", "US"));

        address.IsSuccess.ShouldBeTrue();
        address.Value.ShouldBe(new PostalAddress("Ada", "1 Main St", null, "Springfield", null, "62701", "US"));
    }

    [Fact]
    public void A_missing_address_reports_every_required_part() =>
        AddressRules.Validate(null).Error!.Fields!.Keys.ShouldBe(["name", "line1", "city", "postalCode", "country"], ignoreOrder: true);

    [Fact]
    public void Rate_limits_have_documented_defaults_and_refuse_nonsense()
    {
        LoginRateLimits.From(new ConfigurationBuilder().Build())
            .ShouldBe(new LoginRateLimits(true, 20, 10, TimeSpan.FromSeconds(900)));
        var zero = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Emporium:RateLimits:Login:FailuresPerAccount"] = "0" }).Build();
        Should.Throw<InvalidOperationException>(() => LoginRateLimits.From(zero));
    }
}
