using Emporium.BuildingBlocks;
using Emporium.Catalog.Search;

namespace Emporium.Web.Components.Shared;

/// <summary>What a product card shows: the catalog's search summary, in a type a component may take as a parameter.</summary>
public sealed record ProductCardModel(
    string Id,
    string Title,
    string Brand,
    Money Price,
    Money MaxPrice,
    double RatingAverage,
    int RatingCount,
    bool InStock,
    string? Image)
{
    internal static ProductCardModel From(ProductSummary summary) => new(
        summary.Id,
        summary.Title,
        summary.Brand.Name,
        summary.Price,
        summary.MaxPrice,
        summary.Rating.Average,
        summary.Rating.Count,
        summary.InStock,
        summary.Image);
}
