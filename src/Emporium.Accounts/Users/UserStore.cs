using System.Data.Common;
using Dapper;
using Emporium.BuildingBlocks.Persistence;

namespace Emporium.Accounts.Users;

/// <summary>Users and their roles in <c>accounts_users</c> and <c>accounts_user_roles</c> (same SQL on both engines).</summary>
internal sealed class UserStore(Database database)
{
    private const string SelectUser = """
        SELECT id AS Id, email AS Email, name AS Name, password_hash AS PasswordHash, created_at AS CreatedAt
        FROM accounts_users
        """;

    /// <summary>Creates the user with their roles, or returns false when the (normalized) email is taken.</summary>
    public async Task<bool> CreateAsync(AccountUser user, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await InsertAsync(connection, transaction, user, cancellationToken))
        {
            return false;
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Inserts a user and their roles inside the caller's transaction (registration, demo seeding).
    /// The unique column decides a race between two registrations of one email: the loser inserts nothing.
    /// </summary>
    public static async Task<bool> InsertAsync(DbConnection connection, DbTransaction transaction, AccountUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(user);
        var inserted = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            """
            INSERT INTO accounts_users (id, email, email_normalized, name, password_hash, created_at)
            VALUES (@Id, @Email, @EmailNormalized, @Name, @PasswordHash, @CreatedAt)
            ON CONFLICT (email_normalized) DO NOTHING
            RETURNING id
            """,
            new
            {
                user.Id,
                user.Email,
                EmailNormalized = EmailAddress.Normalize(user.Email),
                user.Name,
                user.PasswordHash,
                CreatedAt = user.CreatedAt.ToUnixTimeMilliseconds(),
            },
            transaction,
            cancellationToken: cancellationToken));
        if (inserted is null)
        {
            return false;
        }

        foreach (var role in user.Roles)
        {
            await InsertRoleAsync(connection, transaction, user.Id, role, cancellationToken);
        }

        return true;
    }

    public async Task<AccountUser?> FindByEmailAsync(string email, CancellationToken cancellationToken) =>
        await FindAsync(SelectUser + " WHERE email_normalized = @key", EmailAddress.Normalize(email), cancellationToken);

    public async Task<AccountUser?> FindByIdAsync(string userId, CancellationToken cancellationToken) =>
        await FindAsync(SelectUser + " WHERE id = @key", userId, cancellationToken);

    public async Task UpdatePasswordHashAsync(string userId, string passwordHash, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE accounts_users SET password_hash = @passwordHash WHERE id = @userId",
            new { userId, passwordHash },
            cancellationToken: cancellationToken));
    }

    /// <summary>Grants a role (idempotent) and returns the user's roles afterwards; the caller checked the user exists.</summary>
    public async Task<IReadOnlyList<string>> GrantRoleAsync(string userId, string role, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await InsertRoleAsync(connection, null, userId, role, cancellationToken);
        return await RolesAsync(connection, userId, cancellationToken);
    }

    private static Task InsertRoleAsync(DbConnection connection, DbTransaction? transaction, string userId, string role, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO accounts_user_roles (user_id, role) VALUES (@userId, @role) ON CONFLICT DO NOTHING",
            new { userId, role },
            transaction,
            cancellationToken: cancellationToken));

    private async Task<AccountUser?> FindAsync(string sql, string key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(sql, new { key }, cancellationToken: cancellationToken));
        if (row is null)
        {
            return null;
        }

        var roles = await RolesAsync(connection, row.Id, cancellationToken);
        return new AccountUser(row.Id, row.Email, row.Name, row.PasswordHash, DateTimeOffset.FromUnixTimeMilliseconds(row.CreatedAt), roles);
    }

    private static async Task<IReadOnlyList<string>> RolesAsync(DbConnection connection, string userId, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT role FROM accounts_user_roles WHERE user_id = @userId ORDER BY role",
            new { userId },
            cancellationToken: cancellationToken))).ToList();

    private sealed class UserRow
    {
        public string Id { get; init; } = string.Empty;

        public string Email { get; init; } = string.Empty;

        public string Name { get; init; } = string.Empty;

        public string PasswordHash { get; init; } = string.Empty;

        public long CreatedAt { get; init; }
    }
}
