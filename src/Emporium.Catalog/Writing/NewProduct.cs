namespace Emporium.Catalog.Writing;

/// <summary>A product to write, with its variants. Prices are integer minor units.</summary>
internal sealed record NewProduct(
    string Title,
    string Description,
    long BrandId,
    long CategoryId,
    string SellerId,
    IReadOnlyDictionary<string, string> Attributes,
    IReadOnlyList<string> Images,
    string Status,
    DateTimeOffset CreatedAt,
    double RatingAverage,
    int RatingCount,
    IReadOnlyList<NewSku> Skus);

internal sealed record NewSku(
    string Code,
    IReadOnlyDictionary<string, string> Attributes,
    long PriceAmount,
    string Currency,
    string Status,
    bool InStock);
