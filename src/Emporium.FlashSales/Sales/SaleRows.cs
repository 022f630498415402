using System.Data.Common;
using Dapper;

namespace Emporium.FlashSales.Sales;

/// <summary>Reads of <c>flashsales_sales</c> shared by buying, paying and the waiting room.</summary>
internal static class SaleRows
{
    private const string Columns = """
        id AS Id, sku_id AS SkuId, price AS Price, currency AS Currency, quantity AS Quantity, per_user_limit AS PerUserLimit,
        country AS Country, starts_at AS StartsAt, ends_at AS EndsAt, settles_at AS SettlesAt, admit_per_second AS AdmitPerSecond,
        status AS Status, allotment_id AS AllotmentId
        """;

    public static async Task<FlashSale?> FindAsync(DbConnection connection, DbTransaction? transaction, long id, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM flashsales_sales WHERE id = @id", new { id }, transaction, cancellationToken: cancellationToken));
        return row?.ToSale();
    }

    /// <summary>Sales not yet settled (allotting or open), oldest first.</summary>
    public static async Task<IReadOnlyList<FlashSale>> ListUnsettledAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM flashsales_sales WHERE status <> 'settled' ORDER BY id", cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToSale())];
    }

    /// <summary>A page of every sale, newest first (for the admin list).</summary>
    public static async Task<IReadOnlyList<FlashSale>> ListNewestAsync(DbConnection connection, int offset, int limit, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM flashsales_sales ORDER BY id DESC LIMIT @limit OFFSET @offset",
            new { limit, offset },
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToSale())];
    }

    public static string Text(SaleStatus status) => status switch
    {
        SaleStatus.Allotting => "allotting",
        SaleStatus.Open => "open",
        SaleStatus.Settled => "settled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    private static SaleStatus Parse(string status) => status switch
    {
        "allotting" => SaleStatus.Allotting,
        "open" => SaleStatus.Open,
        "settled" => SaleStatus.Settled,
        _ => throw new InvalidOperationException($"Unknown flash-sale status '{status}'."),
    };

    // Settable properties, not a positional record: Dapper converts a column to a property's type
    // (PostgreSQL answers int4 for the INTEGER columns, SQLite int64), but builds a record only from the
    // exact types of its constructor.
    private sealed class Row
    {
        public long Id { get; init; }

        public string SkuId { get; init; } = "";

        public long Price { get; init; }

        public string Currency { get; init; } = "";

        public long Quantity { get; init; }

        public long PerUserLimit { get; init; }

        public string Country { get; init; } = "";

        public long StartsAt { get; init; }

        public long EndsAt { get; init; }

        public long SettlesAt { get; init; }

        public long? AdmitPerSecond { get; init; }

        public string Status { get; init; } = "";

        public string? AllotmentId { get; init; }

        public FlashSale ToSale() => new(
            Id,
            SkuId,
            Price,
            Currency,
            (int)Quantity,
            (int)PerUserLimit,
            Country,
            DateTimeOffset.FromUnixTimeMilliseconds(StartsAt),
            DateTimeOffset.FromUnixTimeMilliseconds(EndsAt),
            DateTimeOffset.FromUnixTimeMilliseconds(SettlesAt),
            AdmitPerSecond is { } rate ? (int)rate : null,
            Parse(Status),
            AllotmentId);
    }
}
