using Microsoft.AspNetCore.Builder;
using Microsoft.OpenApi;

namespace Emporium.Catalog.Search;

/// <summary>
/// Describes the search query parameters in the OpenAPI document. The handler parses the raw query
/// string itself (to report every bad parameter at once, and to catch repeated ones), so the
/// generator cannot infer them from its signature.
/// </summary>
internal static class SearchParametersDocumentation
{
    private static readonly (string Name, JsonSchemaType Type, string Description)[] Search =
    [
        ("q", JsonSchemaType.String, "Words to find (at most 10); one typo per word is tolerated. Without it, browse."),
        ("category", JsonSchemaType.String, "Category slug; includes its descendants."),
        ("brand", JsonSchemaType.String, "Brand slug; repeat the parameter or separate slugs with commas."),
        ("minPrice", JsonSchemaType.Integer, "Lowest price, minor units, inclusive."),
        ("maxPrice", JsonSchemaType.Integer, "Highest price, minor units, inclusive."),
        ("minRating", JsonSchemaType.Number, "Lowest average rating, 0 to 5."),
        ("inStock", JsonSchemaType.Boolean, "Only products with a variant in stock."),
        ("sort", JsonSchemaType.String, "relevance (default with q), price_asc, price_desc, rating, newest (default without q)."),
        ("page", JsonSchemaType.Integer, "Page number from 1."),
        ("pageSize", JsonSchemaType.Integer, "Results per page, 1 to 100 (default 24)."),
    ];

    public static RouteHandlerBuilder WithSearchParameters(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            foreach (var (name, type, description) in Search)
            {
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = name,
                    In = ParameterLocation.Query,
                    Description = description,
                    Schema = new OpenApiSchema { Type = type },
                });
            }

            return Task.CompletedTask;
        });
}
