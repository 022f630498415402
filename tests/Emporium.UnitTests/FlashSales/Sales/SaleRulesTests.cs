using Emporium.FlashSales;
using Emporium.FlashSales.Sales;

namespace Emporium.UnitTests.FlashSales.Sales;

public sealed class SaleRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static readonly CreateSaleRequest Valid = new(
        "sku-1", Price: 500, Quantity: 100, PerUserLimit: 2, Now.AddMinutes(5), Now.AddHours(1), Country: "GB", AdmitPerSecond: 50);

    private static IEnumerable<string> FieldsOf(CreateSaleRequest request)
    {
        var result = SaleRules.Validate(request, Now);
        result.IsSuccess.ShouldBeFalse();
        result.Error!.Code.ShouldBe("validation");
        return result.Error.Fields!.Keys;
    }

    [Fact]
    public void Valid_terms_are_kept_with_times_at_millisecond_precision()
    {
        var terms = SaleRules.Validate(Valid with { StartsAt = Now.AddTicks(12_345), Country = " gb " }, Now).Value;

        terms.ShouldBe(new SaleTerms("sku-1", 500, 100, 2, Now.AddMilliseconds(1), Now.AddHours(1), "GB", 50));
    }

    [Fact]
    public void Country_defaults_to_US_and_the_waiting_room_is_optional()
    {
        var terms = SaleRules.Validate(Valid with { Country = null, AdmitPerSecond = null }, Now).Value;

        (terms.Country, terms.AdmitPerSecond).ShouldBe(("US", (int?)null));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(10_000_000_001L)]
    [InlineData(null)]
    public void Price_is_1_to_ten_billion_minor_units(long? price) =>
        FieldsOf(Valid with { Price = price }).ShouldBe(["price"]);

    [Fact]
    public void Price_edges_are_inside()
    {
        SaleRules.Validate(Valid with { Price = 1 }, Now).IsSuccess.ShouldBeTrue();
        SaleRules.Validate(Valid with { Price = SaleRules.MaxPrice }, Now).IsSuccess.ShouldBeTrue();
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(10_001L)]
    [InlineData(null)]
    public void Quantity_is_1_to_a_million(long? quantity) =>
        FieldsOf(Valid with { Quantity = quantity, PerUserLimit = 1 }).ShouldBe(["quantity"]);

    [Theory]
    [InlineData(0L)]
    [InlineData(101L)]
    [InlineData(null)]
    public void Per_user_limit_is_1_to_the_quantity(long? limit) =>
        FieldsOf(Valid with { PerUserLimit = limit }).ShouldBe(["perUserLimit"]);

    [Fact]
    public void A_per_user_limit_equal_to_the_quantity_is_allowed() =>
        SaleRules.Validate(Valid with { Quantity = 3, PerUserLimit = 3 }, Now).IsSuccess.ShouldBeTrue();

    [Fact]
    public void The_window_must_be_in_order_end_in_the_future_and_last_at_most_seven_days()
    {
        FieldsOf(Valid with { EndsAt = Valid.StartsAt }).ShouldBe(["endsAt"]);
        FieldsOf(Valid with { StartsAt = Now.AddHours(2) }).ShouldBe(["endsAt"]);
        FieldsOf(Valid with { StartsAt = Now.AddHours(-2), EndsAt = Now }).ShouldBe(["endsAt"]);
        FieldsOf(Valid with { StartsAt = Now, EndsAt = Now.AddDays(7).AddMilliseconds(1) }).ShouldBe(["endsAt"]);
        FieldsOf(Valid with { StartsAt = null }).ShouldBe(["startsAt"]);
        FieldsOf(Valid with { EndsAt = null }).ShouldBe(["endsAt"]);

        SaleRules.Validate(Valid with { StartsAt = Now, EndsAt = Now.AddDays(7) }, Now).IsSuccess.ShouldBeTrue();
        SaleRules.Validate(Valid with { StartsAt = Now.AddDays(-1), EndsAt = Now.AddMinutes(1) }, Now).IsSuccess
            .ShouldBeTrue("a sale may have started already");
    }

    [Theory]
    [InlineData("USA")]
    [InlineData("U")]
    [InlineData("1A")]
    [InlineData("")]
    public void Country_is_an_alpha_2_code(string country) =>
        FieldsOf(Valid with { Country = country }).ShouldBe(["country"]);

    [Theory]
    [InlineData(0L)]
    [InlineData(100_001L)]
    public void Admit_per_second_is_1_to_100000_when_set(long rate) =>
        FieldsOf(Valid with { AdmitPerSecond = rate }).ShouldBe(["admitPerSecond"]);

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void A_SKU_is_required(string? skuId) => FieldsOf(Valid with { SkuId = skuId }).ShouldBe(["skuId"]);

    [Fact]
    public void Every_bad_field_is_reported_at_once_and_a_missing_body_is_one_error()
    {
        FieldsOf(new CreateSaleRequest(null, 0, 0, 0, null, null, "X", 0))
            .ShouldBe(["skuId", "price", "quantity", "perUserLimit", "startsAt", "endsAt", "country", "admitPerSecond"], ignoreOrder: true);
        SaleRules.Validate(null, Now).Error!.Fields!.Keys.ShouldBe(["body"]);
    }

    [Fact]
    public void A_sale_settles_after_its_end_plus_the_claim_deadline_and_the_checkout_grace()
    {
        var settings = new FlashSalesSettings { ClaimDeadline = TimeSpan.FromMinutes(10), CheckoutGrace = TimeSpan.FromMinutes(30) };

        SaleRules.SettlesAt(Now, settings).ShouldBe(Now.AddMinutes(40));
    }
}
