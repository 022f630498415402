using Dapper;
using Emporium.BuildingBlocks.Persistence;

namespace Emporium.Accounts.Addresses;

/// <summary>A saved address as the API returns it.</summary>
internal sealed record SavedAddress(
    string Id, string Name, string Line1, string? Line2, string City, string? Region, string PostalCode, string Country, DateTimeOffset CreatedAt);

/// <summary>Addresses in <c>accounts_addresses</c>; every statement is scoped by the owner's user id.</summary>
internal sealed class AddressStore(Database database)
{
    private const string Columns = """
        id AS Id, name AS Name, line1 AS Line1, line2 AS Line2, city AS City, region AS Region,
        postal_code AS PostalCode, country AS Country, created_at AS CreatedAt
        """;

    public async Task<IReadOnlyList<SavedAddress>> ListAsync(string userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM accounts_addresses WHERE user_id = @userId ORDER BY created_at, id",
            new { userId },
            cancellationToken: cancellationToken));
        return rows.Select(r => r.ToAddress()).ToList();
    }

    public async Task<int> CountAsync(string userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM accounts_addresses WHERE user_id = @userId", new { userId }, cancellationToken: cancellationToken));
    }

    /// <summary>Saves the address; false when the user does not exist (a token outliving its database).</summary>
    public async Task<bool> AddAsync(string userId, SavedAddress address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        await using var connection = await database.OpenAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO accounts_addresses (id, user_id, name, line1, line2, city, region, postal_code, country, created_at)
            SELECT @Id, @UserId, @Name, @Line1, @Line2, @City, @Region, @PostalCode, @Country, @CreatedAt
            WHERE EXISTS (SELECT 1 FROM accounts_users WHERE id = @UserId)
            """,
            new
            {
                address.Id,
                UserId = userId,
                address.Name,
                address.Line1,
                address.Line2,
                address.City,
                address.Region,
                address.PostalCode,
                address.Country,
                CreatedAt = address.CreatedAt.ToUnixTimeMilliseconds(),
            },
            cancellationToken: cancellationToken));
        return inserted == 1;
    }

    /// <summary>Deletes the user's own address; false when they have none with that id (someone else's included).</summary>
    public async Task<bool> DeleteAsync(string userId, string addressId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM accounts_addresses WHERE id = @addressId AND user_id = @userId",
            new { userId, addressId },
            cancellationToken: cancellationToken)) == 1;
    }

    private sealed class Row
    {
        public string Id { get; init; } = string.Empty;

        public string Name { get; init; } = string.Empty;

        public string Line1 { get; init; } = string.Empty;

        public string? Line2 { get; init; }

        public string City { get; init; } = string.Empty;

        public string? Region { get; init; }

        public string PostalCode { get; init; } = string.Empty;

        public string Country { get; init; } = string.Empty;

        public long CreatedAt { get; init; }

        public SavedAddress ToAddress() =>
            new(Id, Name, Line1, Line2, City, Region, PostalCode, Country, DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt));
    }
}
