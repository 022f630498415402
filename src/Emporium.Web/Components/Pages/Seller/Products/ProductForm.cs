using System.Globalization;
using Emporium.Catalog.Selling;
using Emporium.Web.Components.Shared;

namespace Emporium.Web.Components.Pages.Seller.Products;

/// <summary>
/// The product form as posted: the description, and (when creating) the variant rows. A row left blank
/// is not a variant; the module's rules decide everything else, so the page and the API agree.
/// </summary>
public sealed class ProductForm
{
    /// <summary>Blank variant rows a new product form starts with; "More variant rows" adds this many again.</summary>
    public const int RowsPerStep = 2;

    public string? Title { get; set; }

    public string? Description { get; set; }

    public string? Brand { get; set; }

    public string? Category { get; set; }

    public List<VariantForm> Variants { get; set; } = [];

    /// <summary>"more" when the shopper asked for more variant rows instead of saving.</summary>
    public string? Action { get; set; }

    internal ProductRequest ToRequest(IReadOnlyDictionary<string, string>? attributes, IReadOnlyList<string>? images, List<SkuRequest>? skus) =>
        new(Title, Description, Brand, Category, attributes?.ToDictionary(StringComparer.Ordinal), images?.ToList(), skus);

    /// <summary>
    /// The filled variant rows as the module's requests; a price that is not an amount is reported at its
    /// row. <paramref name="rows"/> maps each request back to its row, for the module's messages.
    /// </summary>
    internal List<SkuRequest> Skus(string currency, FormErrors errors, out List<int> rows)
    {
        var skus = new List<SkuRequest>();
        rows = [];
        for (var row = 0; row < Variants.Count; row++)
        {
            var variant = Variants[row];
            if (variant.IsBlank)
            {
                continue;
            }

            if (variant.TryRequest(currency, code: variant.Code?.Trim(), existing: null, out var sku) is { } problem)
            {
                errors.Add(VariantField(row, "price.amount"), problem);
            }

            skus.Add(sku);
            rows.Add(row);
        }

        return skus;
    }

    /// <summary>The module names a variant's field <c>skus[i].x</c>; the page shows it at its row.</summary>
    public static string VariantField(int row, string field) => string.Create(CultureInfo.InvariantCulture, $"skus[{row}].{field}");

    /// <summary>Moves the module's <c>skus[i]</c> messages to the rows the requests came from.</summary>
    internal static void AddAtRows(FormErrors errors, Emporium.BuildingBlocks.Results.Error error, IReadOnlyList<int> rows)
    {
        if (error.Fields is null)
        {
            errors.Add(error);
            return;
        }

        var remapped = error.Fields.ToDictionary(
            f => RowKey(f.Key, rows),
            f => f.Value,
            StringComparer.Ordinal);
        errors.Add(error with { Fields = remapped });
    }

    private static string RowKey(string key, IReadOnlyList<int> rows)
    {
        if (!key.StartsWith("skus[", StringComparison.Ordinal) || key.IndexOf(']', StringComparison.Ordinal) is not (> 5 and var close))
        {
            return key;
        }

        return int.TryParse(key.AsSpan(5, close - 5), NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < rows.Count
            ? string.Create(CultureInfo.InvariantCulture, $"skus[{rows[index]}]{key[(close + 1)..]}")
            : key;
    }
}

/// <summary>One variant row: its code, the two attributes shoppers choose by, and its price as typed (12.50).</summary>
public sealed class VariantForm
{
    public string? Code { get; set; }

    public string? Size { get; set; }

    public string? Colour { get; set; }

    public string? Price { get; set; }

    /// <summary>active or inactive (edit only).</summary>
    public string? Status { get; set; }

    internal bool IsBlank =>
        string.IsNullOrWhiteSpace(Code) && string.IsNullOrWhiteSpace(Size) && string.IsNullOrWhiteSpace(Colour) && string.IsNullOrWhiteSpace(Price);

    internal static VariantForm From(SellerSku sku) => new()
    {
        Code = sku.Code,
        Size = sku.Attributes.GetValueOrDefault("size"),
        Colour = sku.Attributes.GetValueOrDefault("colour"),
        Price = PriceText(sku.Price),
        Status = sku.Status,
    };

    /// <summary>The price as the seller would type it again (12.50, no symbol, no grouping).</summary>
    internal static string PriceText(Emporium.BuildingBlocks.Money price)
    {
        // One major unit in minor units is 10^digits: its length says how many digits the currency has.
        var one = MoneyText.TryParseMinorUnits("1", price.Currency, out var minor) ? minor : 100;
        var digits = one.ToString(CultureInfo.InvariantCulture).Length - 1;
        return (price.Amount / (decimal)one).ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The module's request for this row, or a message when the price is not an amount (then the
    /// request carries no amount, and the module adds its own message too, so nothing is saved).
    /// Attributes other than size and colour that <paramref name="existing"/> holds are kept.
    /// </summary>
    internal string? TryRequest(string currency, string? code, IReadOnlyDictionary<string, string>? existing, out SkuRequest request)
    {
        var attributes = existing?.ToDictionary(StringComparer.Ordinal) ?? new Dictionary<string, string>(StringComparer.Ordinal);
        Set(attributes, "size", Size);
        Set(attributes, "colour", Colour);
        string? problem = null;
        long? amount = null;
        if (MoneyText.TryParseMinorUnits(Price?.Trim(), currency, out var parsed))
        {
            amount = parsed;
        }
        else
        {
            problem = "Type the price as an amount, such as 12.50.";
        }

        request = new SkuRequest(code, attributes, new PriceRequest(amount, currency), Status);
        return problem;
    }

    private static void Set(Dictionary<string, string> attributes, string name, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            attributes.Remove(name);
        }
        else
        {
            attributes[name] = value.Trim();
        }
    }
}
