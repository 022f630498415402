using Emporium.BuildingBlocks.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Emporium.Catalog.Selling;

/// <summary>The catalog's write side for sellers (their own products) and admins (any).</summary>
internal static class SellerEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var seller = endpoints.MapGroup("/api/seller").WithTags("Seller catalog").RequireAuthorization(Policies.Seller);

        seller.MapGet("/products", ListSellerProducts.Handle).WithName("ListSellerProducts")
            .WithSummary("Your products (admins: everyone's), newest first.")
            .Produces<ListSellerProducts.Page>();
        seller.MapPost("/products", CreateProduct.Handle).WithName("CreateProduct")
            .WithSummary("List a product with its variants.")
            .Produces<CreateProduct.Created>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        seller.MapPut("/products/{productId}", UpdateProduct.Handle).WithName("UpdateProduct")
            .WithSummary("Replace a product's title, description, brand, category, attributes and images.")
            .Produces(StatusCodes.Status204NoContent).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        seller.MapPost("/products/{productId}/deactivate", ChangeProductStatus.Deactivate).WithName("DeactivateProduct")
            .WithSummary("Take a product off sale.").Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        seller.MapPost("/products/{productId}/activate", ChangeProductStatus.Activate).WithName("ActivateProduct")
            .WithSummary("Put a product back on sale.").Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        seller.MapPost("/products/{productId}/skus", ChangeSkus.Add).WithName("AddSku")
            .WithSummary("Add a variant to a product.")
            .Produces<CreateProduct.CreatedSku>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        seller.MapPut("/skus/{skuId}", ChangeSkus.Update).WithName("UpdateSku")
            .WithSummary("Change a variant's attributes, price or status; visible at once in search, product pages and carts.")
            .Produces(StatusCodes.Status204NoContent).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }
}
