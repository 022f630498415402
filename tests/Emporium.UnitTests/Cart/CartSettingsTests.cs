using Emporium.Cart;
using Emporium.Cart.Identity;
using Emporium.Cart.Model;
using Microsoft.Extensions.Configuration;

namespace Emporium.UnitTests.Cart;

public sealed class CartSettingsTests
{
    private static CartSettings From(params (string Key, string Value)[] values) =>
        CartSettings.From(new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>("Emporium:Cart:" + v.Key, v.Value)))
            .Build());

    [Fact]
    public void Defaults_are_ten_per_line_max_policy_seven_and_thirty_days() =>
        From().ShouldBe(new CartSettings(10, MergePolicy.Max, TimeSpan.FromDays(7), TimeSpan.FromDays(30), TimeSpan.FromHours(1)));

    [Fact]
    public void Every_setting_can_be_configured()
    {
        var settings = From(("MaxQuantityPerLine", "5"), ("MergePolicy", "Sum"), ("GuestLifetimeDays", "2"), ("UserLifetimeDays", "60"), ("PurgeIntervalMinutes", "5"));

        settings.ShouldBe(new CartSettings(5, MergePolicy.Sum, TimeSpan.FromDays(2), TimeSpan.FromDays(60), TimeSpan.FromMinutes(5)));
        settings.RulesFor(CartOwnerKind.Guest).ShouldBe(new CartRules(5, TimeSpan.FromDays(2)));
        settings.RulesFor(CartOwnerKind.User).ShouldBe(new CartRules(5, TimeSpan.FromDays(60)));
    }

    [Theory]
    [InlineData("MergePolicy", "average")]
    [InlineData("MaxQuantityPerLine", "0")]
    [InlineData("MaxQuantityPerLine", "2.5")]
    [InlineData("GuestLifetimeDays", "-1")]
    [InlineData("UserLifetimeDays", "forever")]
    public void Nonsense_stops_the_host_at_start_up(string key, string value) =>
        Should.Throw<InvalidOperationException>(() => From((key, value))).Message.ShouldContain(key);
}
