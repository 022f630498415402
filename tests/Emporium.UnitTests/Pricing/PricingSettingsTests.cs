using Emporium.Pricing;
using Microsoft.Extensions.Configuration;

namespace Emporium.UnitTests.Pricing;

public sealed class PricingSettingsTests
{
    private static PricingSettings From(params (string Key, string Value)[] settings) =>
        PricingSettings.From(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.ToDictionary(s => "Emporium:Pricing:" + s.Key, s => (string?)s.Value))
            .Build());

    [Fact]
    public void Without_configuration_the_documented_defaults_apply()
    {
        var settings = From();

        (settings.ShippingPerShipment, settings.FreeShippingOver, settings.DefaultTaxRate).ShouldBe((499L, 5_000L, 0));
        settings.TermsFor("GB").TaxRateBasisPoints.ShouldBe(2_000);
        settings.TermsFor("DE").TaxRateBasisPoints.ShouldBe(1_900);
        settings.TermsFor("FR").TaxRateBasisPoints.ShouldBe(2_000);
        settings.TermsFor("US").TaxRateBasisPoints.ShouldBe(0);
        settings.TermsFor("JP").TaxRateBasisPoints.ShouldBe(0);
    }

    [Fact]
    public void Configuration_changes_shipping_the_default_rate_and_adds_or_overrides_countries()
    {
        var settings = From(("Shipping:PerShipment", "0"), ("Shipping:FreeOver", "0"), ("Tax:DefaultRateBasisPoints", "1000"), ("Tax:Rates:de", "700"), ("Tax:Rates:JP", "1000"));

        settings.TermsFor("DE").ShouldBe(new Emporium.Pricing.Quotes.PricingTerms(0, 0, 700));
        settings.TermsFor("JP").TaxRateBasisPoints.ShouldBe(1_000);
        settings.TermsFor("GB").TaxRateBasisPoints.ShouldBe(2_000);
        settings.TermsFor("BR").TaxRateBasisPoints.ShouldBe(1_000);
    }

    [Theory]
    [InlineData("Shipping:PerShipment", "-1")]
    [InlineData("Shipping:PerShipment", "4.99")]
    [InlineData("Shipping:FreeOver", "lots")]
    [InlineData("Tax:DefaultRateBasisPoints", "10001")]
    [InlineData("Tax:Rates:GB", "20%")]
    [InlineData("Tax:Rates:GBR", "2000")]
    public void Nonsense_stops_the_host_at_start_up(string key, string value) =>
        Should.Throw<InvalidOperationException>(() => From((key, value))).Message.ShouldContain(key.Split(':')[^1]);
}
