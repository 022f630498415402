using System.Data.Common;
using System.Globalization;
using System.Security.Claims;
using Dapper;
using Emporium.BuildingBlocks.Security;

namespace Emporium.Catalog.Selling;

/// <summary>
/// Who may change what: a seller their own products and SKUs, an admin anything. Someone else's
/// product is reported as not found, so a seller cannot learn which ids exist.
/// </summary>
internal static class SellerAccess
{
    public static bool Owns(ClaimsPrincipal user, string sellerId) => user.IsAdmin() || user.UserId() == sellerId;

    /// <summary>The product's owner if it exists and <paramref name="user"/> may change it.</summary>
    public static async Task<string?> ProductOwnerAsync(DbConnection connection, DbTransaction transaction, ClaimsPrincipal user, long productId, CancellationToken cancellationToken)
    {
        var owner = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT seller_id FROM catalog_products WHERE id = @productId", new { productId }, transaction, cancellationToken: cancellationToken));
        return owner is not null && Owns(user, owner) ? owner : null;
    }

    public static bool TryParseId(string text, out long id) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;
}
