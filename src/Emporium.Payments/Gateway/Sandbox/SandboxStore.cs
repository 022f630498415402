using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Dapper;

namespace Emporium.Payments.Gateway.Sandbox;

internal sealed class SandboxToken
{
    public string Token { get; init; } = string.Empty;

    public string Brand { get; init; } = string.Empty;

    public string Last4 { get; init; } = string.Empty;

    public string Behaviour { get; init; } = string.Empty;

    public long CreatedAt { get; init; }

    public string? UsedByKey { get; init; }
}

internal sealed class SandboxCharge
{
    public string GatewayRef { get; init; } = string.Empty;

    public string Behaviour { get; init; } = string.Empty;

    public long AuthorizedAmount { get; init; }

    public long CapturedAmount { get; init; }

    public long RefundedAmount { get; init; }

    public bool Voided { get; init; }
}

/// <summary>A request the sandbox answered, kept by its idempotency key: a repeat gets this answer again.</summary>
internal sealed class SandboxRequest
{
    public string Fingerprint { get; init; } = string.Empty;

    public bool Approved { get; init; }

    public string? GatewayRef { get; init; }

    public string? Code { get; init; }

    public string? Message { get; init; }

    public string? CardBrand { get; init; }

    public string? CardLast4 { get; init; }
}

/// <summary>The sandbox gateway's SQL, always inside a transaction the caller holds.</summary>
internal static class SandboxStore
{
    public static string Fingerprint(string operation, string target, long amount, string currency) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(FormattableString.Invariant($"{operation}|{target}|{amount}|{currency}"))));

    public static Task InsertTokenAsync(DbConnection connection, DbTransaction transaction, object token, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO payments_sandbox_tokens (token, brand, last4, exp_month, exp_year, behaviour, created_at)
            VALUES (@Token, @Brand, @Last4, @ExpMonth, @ExpYear, @Behaviour, @CreatedAt)
            """,
            token,
            transaction,
            cancellationToken: cancellationToken));

    public static async Task<SandboxToken?> TokenAsync(DbConnection connection, DbTransaction transaction, string token, CancellationToken cancellationToken) =>
        await connection.QuerySingleOrDefaultAsync<SandboxToken>(new CommandDefinition(
            """
            SELECT token AS Token, brand AS Brand, last4 AS Last4, behaviour AS Behaviour, created_at AS CreatedAt, used_by_key AS UsedByKey
            FROM payments_sandbox_tokens WHERE token = @token
            """,
            new { token },
            transaction,
            cancellationToken: cancellationToken));

    /// <summary>Marks the token used by <paramref name="key"/>; false if another authorization got there first.</summary>
    public static async Task<bool> ConsumeTokenAsync(DbConnection connection, DbTransaction transaction, string token, string key, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE payments_sandbox_tokens SET used_by_key = @key WHERE token = @token AND used_by_key IS NULL",
            new { token, key },
            transaction,
            cancellationToken: cancellationToken)) == 1;

    public static Task InsertChargeAsync(
        DbConnection connection, DbTransaction transaction, string gatewayRef, SandboxToken token, long amount, string currency, long now, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO payments_sandbox_charges (gateway_ref, token, behaviour, amount, currency, authorized_amount, created_at, updated_at)
            VALUES (@gatewayRef, @Token, @Behaviour, @amount, @currency, @amount, @now, @now)
            """,
            new { gatewayRef, token.Token, token.Behaviour, amount, currency, now },
            transaction,
            cancellationToken: cancellationToken));

    public static async Task<SandboxCharge?> ChargeAsync(DbConnection connection, DbTransaction transaction, string gatewayRef, CancellationToken cancellationToken) =>
        await connection.QuerySingleOrDefaultAsync<SandboxCharge>(new CommandDefinition(
            """
            SELECT gateway_ref AS GatewayRef, behaviour AS Behaviour, authorized_amount AS AuthorizedAmount,
                   captured_amount AS CapturedAmount, refunded_amount AS RefundedAmount, voided AS Voided
            FROM payments_sandbox_charges WHERE gateway_ref = @gatewayRef
            """,
            new { gatewayRef },
            transaction,
            cancellationToken: cancellationToken));

    /// <summary>Applies one change to a charge (<paramref name="assignments"/> is the module's own SQL, never input).</summary>
    public static Task UpdateChargeAsync(
        DbConnection connection, DbTransaction transaction, string gatewayRef, string assignments, long amount, long now, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE payments_sandbox_charges SET {assignments}, updated_at = @now WHERE gateway_ref = @gatewayRef",
            new { gatewayRef, amount, now },
            transaction,
            cancellationToken: cancellationToken));

    public static async Task<SandboxRequest?> RequestAsync(DbConnection connection, DbTransaction transaction, string key, CancellationToken cancellationToken) =>
        await connection.QuerySingleOrDefaultAsync<SandboxRequest>(new CommandDefinition(
            """
            SELECT fingerprint AS Fingerprint, approved AS Approved, gateway_ref AS GatewayRef, code AS Code, message AS Message,
                   card_brand AS CardBrand, card_last4 AS CardLast4
            FROM payments_sandbox_requests WHERE idempotency_key = @key
            """,
            new { key },
            transaction,
            cancellationToken: cancellationToken));

    /// <summary>
    /// Claims <paramref name="key"/> before any effect; false if it is taken. On PostgreSQL a concurrent
    /// claim of the same key waits here for the first to commit, then finds its answer.
    /// </summary>
    public static async Task<bool> ClaimAsync(
        DbConnection connection, DbTransaction transaction, string key, string operation, string fingerprint, long now, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO payments_sandbox_requests (idempotency_key, operation, fingerprint, approved, created_at)
            VALUES (@key, @operation, @fingerprint, FALSE, @now)
            ON CONFLICT (idempotency_key) DO NOTHING
            """,
            new { key, operation, fingerprint, now },
            transaction,
            cancellationToken: cancellationToken)) == 1;

    public static Task AnswerAsync(DbConnection connection, DbTransaction transaction, string key, SandboxRequest answer, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE payments_sandbox_requests
            SET approved = @Approved, gateway_ref = @GatewayRef, code = @Code, message = @Message, card_brand = @CardBrand, card_last4 = @CardLast4
            WHERE idempotency_key = @key
            """,
            new { key, answer.Approved, answer.GatewayRef, answer.Code, answer.Message, answer.CardBrand, answer.CardLast4 },
            transaction,
            cancellationToken: cancellationToken));
}
