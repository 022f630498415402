using System.Data.Common;
using Dapper;

namespace Emporium.Payments.Payments;

/// <summary>
/// The payments tables' SQL. Every method runs on the connection and transaction it is given — the
/// service's own, or (for work done inside another transaction) the caller's — and never opens one.
/// </summary>
internal static class PaymentStore
{
    private const string Columns = """
        payment_id AS PaymentId, reference AS Reference, user_id AS UserId, idempotency_key AS IdempotencyKey,
        request_fingerprint AS Fingerprint, amount AS Amount, currency AS Currency, status AS Status,
        captured_amount AS CapturedAmount, refunded_amount AS RefundedAmount, card_brand AS CardBrand, card_last4 AS CardLast4,
        gateway_ref AS GatewayRef, failure_code AS FailureCode, failure_message AS FailureMessage,
        created_at AS CreatedAt, updated_at AS UpdatedAt
        """;

    /// <summary>
    /// Records <paramref name="payment"/> as pending unless its idempotency key is taken, and answers the
    /// payment stored under the key: this one, or the one a first request made.
    /// </summary>
    public static async Task<Payment> StartAsync(DbConnection connection, DbTransaction transaction, Payment payment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payment);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO payments_payments (payment_id, reference, user_id, idempotency_key, request_fingerprint, amount, currency, status, created_at, updated_at)
            VALUES (@PaymentId, @Reference, @UserId, @IdempotencyKey, @Fingerprint, @Amount, @Currency, @Status, @CreatedAt, @CreatedAt)
            ON CONFLICT (idempotency_key) DO NOTHING
            """,
            new
            {
                payment.PaymentId,
                payment.Reference,
                payment.UserId,
                payment.IdempotencyKey,
                payment.Fingerprint,
                payment.State.Amount,
                payment.Currency,
                Status = StoredNames.Of(payment.State.Status),
                CreatedAt = payment.CreatedAt.ToUnixTimeMilliseconds(),
            },
            transaction,
            cancellationToken: cancellationToken));
        var row = await connection.QuerySingleAsync<PaymentRow>(new CommandDefinition(
            $"SELECT {Columns} FROM payments_payments WHERE idempotency_key = @IdempotencyKey",
            new { payment.IdempotencyKey },
            transaction,
            cancellationToken: cancellationToken));
        return row.ToPayment();
    }

    /// <summary>The payment, or null; <paramref name="forUpdate"/> (PostgreSQL) locks its row until the transaction ends.</summary>
    public static async Task<Payment?> GetAsync(DbConnection connection, DbTransaction? transaction, string paymentId, bool forUpdate, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<PaymentRow>(new CommandDefinition(
            $"SELECT {Columns} FROM payments_payments WHERE payment_id = @paymentId" + (forUpdate ? " FOR UPDATE" : string.Empty),
            new { paymentId },
            transaction,
            cancellationToken: cancellationToken));
        return row?.ToPayment();
    }

    public static async Task UpdateAsync(DbConnection connection, DbTransaction transaction, string paymentId, PaymentState state, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE payments_payments
            SET status = @Status, captured_amount = @CapturedAmount, refunded_amount = @RefundedAmount, card_brand = @CardBrand,
                card_last4 = @CardLast4, gateway_ref = @GatewayRef, failure_code = @FailureCode, failure_message = @FailureMessage, updated_at = @now
            WHERE payment_id = @paymentId
            """,
            new
            {
                paymentId,
                Status = StoredNames.Of(state.Status),
                state.CapturedAmount,
                state.RefundedAmount,
                state.CardBrand,
                state.CardLast4,
                state.GatewayRef,
                state.FailureCode,
                state.FailureMessage,
                now = now.ToUnixTimeMilliseconds(),
            },
            transaction,
            cancellationToken: cancellationToken));
        if (changed != 1)
        {
            throw new InvalidOperationException($"Payment {paymentId} was not there to update.");
        }
    }

    public static async Task<PaymentOperation?> FindOperationAsync(DbConnection connection, DbTransaction? transaction, string idempotencyKey, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<(string PaymentId, string Kind, long Amount)>(new CommandDefinition(
            "SELECT payment_id, kind, amount FROM payments_operations WHERE idempotency_key = @idempotencyKey",
            new { idempotencyKey },
            transaction,
            cancellationToken: cancellationToken));
        return rows.ToList() is [var found] ? new PaymentOperation(idempotencyKey, found.PaymentId, StoredNames.Kind(found.Kind), found.Amount) : null;
    }

    /// <summary>Records the operation unless its key is taken (false). On PostgreSQL a concurrent insert of the key waits here for the other transaction.</summary>
    public static async Task<bool> TryInsertOperationAsync(
        DbConnection connection, DbTransaction transaction, PaymentOperation operation, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO payments_operations (idempotency_key, payment_id, kind, amount, created_at)
            VALUES (@IdempotencyKey, @PaymentId, @Kind, @Amount, @now)
            ON CONFLICT (idempotency_key) DO NOTHING
            """,
            new { operation.IdempotencyKey, operation.PaymentId, Kind = StoredNames.Of(operation.Kind), operation.Amount, now = now.ToUnixTimeMilliseconds() },
            transaction,
            cancellationToken: cancellationToken)) == 1;
    }

    private sealed class PaymentRow
    {
        public string PaymentId { get; init; } = string.Empty;

        public string Reference { get; init; } = string.Empty;

        public string UserId { get; init; } = string.Empty;

        public string IdempotencyKey { get; init; } = string.Empty;

        public string Fingerprint { get; init; } = string.Empty;

        public long Amount { get; init; }

        public string Currency { get; init; } = string.Empty;

        public string Status { get; init; } = string.Empty;

        public long CapturedAmount { get; init; }

        public long RefundedAmount { get; init; }

        public string CardBrand { get; init; } = string.Empty;

        public string CardLast4 { get; init; } = string.Empty;

        public string? GatewayRef { get; init; }

        public string? FailureCode { get; init; }

        public string? FailureMessage { get; init; }

        public long CreatedAt { get; init; }

        public long UpdatedAt { get; init; }

        public Payment ToPayment() => new(
            PaymentId,
            Reference,
            UserId,
            IdempotencyKey,
            Fingerprint,
            Currency,
            new PaymentState(StoredNames.Status(Status), Amount, CapturedAmount, RefundedAmount, GatewayRef, CardBrand, CardLast4, FailureCode, FailureMessage),
            DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt),
            DateTimeOffset.FromUnixTimeMilliseconds(UpdatedAt));
    }
}
