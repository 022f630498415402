using System.Globalization;
using Emporium.Catalog.Products;

namespace Emporium.Web.Components.Pages.Catalog.Products;

/// <summary>One way a product varies (size, colour…) and the values a shopper can pick.</summary>
public sealed record VariantAxis(string Name, IReadOnlyList<VariantOption> Options);

/// <summary>A value of an axis: the link to the SKU that has it (keeping the other choices where one exists).</summary>
public sealed record VariantOption(string Label, string Href, bool Selected, bool Available);

/// <summary>Builds the variant picker from a product's SKUs and the one chosen now.</summary>
internal static class VariantChoices
{
    public static IReadOnlyList<VariantAxis> For(GetProduct.ProductDetails product, GetProduct.SkuDetails chosen)
    {
        var skus = product.Skus.Where(s => s.Status == "active" || s.Id == chosen.Id).ToList();
        var axes = skus.SelectMany(s => s.Attributes.Keys).Distinct(StringComparer.Ordinal).ToList();
        return axes
            .Select(axis => new VariantAxis(
                Title(axis),
                skus.Select(s => s.Attributes.GetValueOrDefault(axis))
                    .OfType<string>()
                    .Distinct(StringComparer.Ordinal)
                    .Select(value =>
                    {
                        var target = Closest(skus, chosen, axis, value);
                        return new VariantOption(
                            value,
                            Urls.Product(product.Id, target.Id),
                            chosen.Attributes.GetValueOrDefault(axis) == value,
                            target.Availability.InStock);
                    })
                    .ToList()))
            .Where(axis => axis.Options.Count > 1)
            .ToList();
    }

    /// <summary>The SKU with <paramref name="value"/> on <paramref name="axis"/> that keeps most of the other current choices.</summary>
    private static GetProduct.SkuDetails Closest(List<GetProduct.SkuDetails> skus, GetProduct.SkuDetails chosen, string axis, string value) =>
        skus.Where(s => s.Attributes.GetValueOrDefault(axis) == value)
            .OrderByDescending(s => s.Attributes.Count(a => a.Key != axis && chosen.Attributes.GetValueOrDefault(a.Key) == a.Value))
            .First();

    private static string Title(string name) =>
        name.Length == 0 ? name : char.ToUpper(name[0], CultureInfo.InvariantCulture) + name[1..];
}
