using System.Collections.Immutable;
using System.Data.Common;
using Dapper;
using Emporium.BuildingBlocks;
using Emporium.BuildingBlocks.Persistence;
using Emporium.Cart.Identity;
using Emporium.Cart.Model;

namespace Emporium.Cart.Storage;

/// <summary>Reads a cart's rows back into state. Timestamps are Unix milliseconds, as in every module.</summary>
internal static class CartRows
{
    public static async Task<StoredCart?> LoadAsync(
        DbConnection connection, DbTransaction? transaction, CartOwner owner, bool forUpdate, CancellationToken cancellationToken)
    {
        var header = await connection.QuerySingleOrDefaultAsync<HeaderRow>(new CommandDefinition(
            "SELECT id AS Id, updated_at AS UpdatedAt, expires_at AS ExpiresAt FROM cart_carts WHERE owner_kind = @Kind AND owner_id = @OwnerId"
                + (forUpdate ? " FOR UPDATE" : string.Empty),
            new { Kind = owner.KindName, OwnerId = owner.Id },
            transaction,
            cancellationToken: cancellationToken));
        if (header is null)
        {
            return null;
        }

        var lines = await connection.QueryAsync<LineRow>(new CommandDefinition(
            """
            SELECT sku_id AS SkuId, quantity AS Quantity, unit_price_amount AS UnitPriceAmount, currency AS Currency,
                   added_at AS AddedAt, updated_at AS UpdatedAt
            FROM cart_lines WHERE cart_id = @Id
            """,
            new { header.Id },
            transaction,
            cancellationToken: cancellationToken));

        var state = new CartState.Open(
            lines.Select(ToLine).ToImmutableSortedDictionary(l => l.SkuId, l => l, StringComparer.Ordinal),
            FromMilliseconds(header.UpdatedAt),
            FromMilliseconds(header.ExpiresAt));
        return new StoredCart(header.Id, owner, state);
    }

    /// <summary>
    /// Deletes the carts whose lifetime ended by <paramref name="now"/> (lines go with them: ON DELETE
    /// CASCADE), in small batches that keep each write short (SQLite has one writer). The outer
    /// <c>expires_at</c> test is re-checked by PostgreSQL on a row a concurrent change has just renewed.
    /// </summary>
    public static async Task<int> DeleteExpiredAsync(Database database, DateTimeOffset now, CancellationToken cancellationToken)
    {
        const int Batch = 500;
        const string Sql = """
            DELETE FROM cart_carts
            WHERE expires_at <= @Now
              AND id IN (SELECT id FROM cart_carts WHERE expires_at <= @Now LIMIT @Batch)
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        var total = 0;
        int deleted;
        do
        {
            deleted = await connection.ExecuteAsync(new CommandDefinition(
                Sql, new { Now = now.ToUnixTimeMilliseconds(), Batch }, cancellationToken: cancellationToken));
            total += deleted;
        }
        while (deleted == Batch);

        return total;
    }

    public static DateTimeOffset FromMilliseconds(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);

    private static CartLine ToLine(LineRow row) => new(
        row.SkuId,
        checked((int)row.Quantity),
        new Money(row.UnitPriceAmount, row.Currency),
        FromMilliseconds(row.AddedAt),
        FromMilliseconds(row.UpdatedAt));

    private sealed class HeaderRow
    {
        public string Id { get; init; } = string.Empty;

        public long UpdatedAt { get; init; }

        public long ExpiresAt { get; init; }
    }

    private sealed class LineRow
    {
        public string SkuId { get; init; } = string.Empty;

        public long Quantity { get; init; }

        public long UnitPriceAmount { get; init; }

        public string Currency { get; init; } = string.Empty;

        public long AddedAt { get; init; }

        public long UpdatedAt { get; init; }
    }
}
