using System.Text.RegularExpressions;
using Emporium.BuildingBlocks.Results;

namespace Emporium.Catalog.Selling;

/// <summary>A price as clients send it: integer minor units and an ISO 4217 code.</summary>
internal sealed record PriceRequest(long? Amount, string? Currency);

/// <summary>A variant as a seller describes it.</summary>
internal sealed record SkuRequest(string? Code, Dictionary<string, string>? Attributes, PriceRequest? Price, string? Status = null);

/// <summary>A product as a seller describes it; <see cref="Skus"/> only when creating.</summary>
internal sealed record ProductRequest(
    string? Title,
    string? Description,
    string? Brand,
    string? Category,
    Dictionary<string, string>? Attributes,
    List<string>? Images,
    List<SkuRequest>? Skus);

/// <summary>The limits a seller's input must stay within: checked before anything is written.</summary>
internal static partial class SellerValidation
{
    public const long MaxPrice = 100_000_000_00; // a hundred million in major units
    public const int MaxSkus = 100;

    public static void Product(ProductRequest request, bool creating, ValidationErrors errors)
    {
        Text(request.Title, "title", 1, 200, errors);
        Text(request.Description ?? string.Empty, "description", 0, 5_000, errors);
        Text(request.Brand, "brand", 1, 100, errors);
        Text(request.Category, "category", 1, 100, errors);
        Attributes(request.Attributes, "attributes", errors);
        if (request.Images is { } images && (images.Count > 20 || images.Any(i => string.IsNullOrWhiteSpace(i) || i.Length > 500)))
        {
            errors.Add("images", "At most 20 image URLs, each 1 to 500 characters.");
        }

        if (!creating)
        {
            return;
        }

        if (request.Skus is not { Count: > 0 and <= MaxSkus })
        {
            errors.Add("skus", $"A product needs 1 to {MaxSkus} variants.");
            return;
        }

        for (var i = 0; i < request.Skus.Count; i++)
        {
            Sku(request.Skus[i], $"skus[{i}]", requireCode: true, errors);
        }

        if (request.Skus.Select(s => s.Code).Distinct(StringComparer.Ordinal).Count() != request.Skus.Count)
        {
            errors.Add("skus", "Variant codes must differ.");
        }

        if (request.Skus.Select(s => s.Price?.Currency).Distinct(StringComparer.Ordinal).Count() > 1)
        {
            errors.Add("skus", "All variants of a product share one currency.");
        }
    }

    public static void Sku(SkuRequest sku, string field, bool requireCode, ValidationErrors errors)
    {
        if (requireCode || sku.Code is not null)
        {
            if (sku.Code is null || !SkuCode().IsMatch(sku.Code))
            {
                errors.Add(field + ".code", "1 to 64 letters, digits, '-', '_' or '.'.");
            }
        }

        Attributes(sku.Attributes, field + ".attributes", errors);
        if (sku.Price is not { Amount: > 0 and <= MaxPrice })
        {
            errors.Add(field + ".price.amount", $"A whole number of minor units from 1 to {MaxPrice}.");
        }

        if (sku.Price?.Currency is not { } currency || !CurrencyCode().IsMatch(currency))
        {
            errors.Add(field + ".price.currency", "A three-letter ISO 4217 code such as USD.");
        }

        if (sku.Status is not (null or "active" or "inactive"))
        {
            errors.Add(field + ".status", "active or inactive.");
        }
    }

    private static void Text(string? value, string field, int min, int max, ValidationErrors errors)
    {
        var length = value?.Trim().Length ?? 0;
        if (value is null && min > 0 || length < min || length > max)
        {
            errors.Add(field, min > 0 ? $"Required, at most {max} characters." : $"At most {max} characters.");
        }
    }

    private static void Attributes(Dictionary<string, string>? attributes, string field, ValidationErrors errors)
    {
        if (attributes is { } a && (a.Count > 50 || a.Any(p => p.Key.Length is 0 or > 50 || p.Value is null || p.Value.Length > 200)))
        {
            errors.Add(field, "At most 50 attributes; names 1 to 50 characters, values at most 200.");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex SkuCode();

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyCode();
}
