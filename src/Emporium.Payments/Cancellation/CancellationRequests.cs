using System.Data.Common;
using Dapper;

namespace Emporium.Payments.Cancellation;

/// <summary>A cancelled order whose payment is still to be voided or refunded.</summary>
internal sealed record CancellationRequest(string OrderId, string PaymentId, int Attempts);

/// <summary>The <c>payments_cancellations</c> table: one row per cancelled order, done exactly once.</summary>
internal static class CancellationRequests
{
    /// <summary>Records the request unless the order has one (a second event for the same order changes nothing).</summary>
    public static Task AddAsync(DbConnection connection, DbTransaction transaction, string orderId, string paymentId, long now, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO payments_cancellations (order_id, payment_id, requested_at, attempts, next_attempt_at)
            VALUES (@orderId, @paymentId, @now, 0, @now)
            ON CONFLICT (order_id) DO NOTHING
            """,
            new { orderId, paymentId, now },
            transaction,
            cancellationToken: cancellationToken));

    public static async Task<IReadOnlyList<CancellationRequest>> DueAsync(DbConnection connection, long now, int limit, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<(string OrderId, string PaymentId, long Attempts)>(new CommandDefinition(
            """
            SELECT order_id, payment_id, attempts FROM payments_cancellations
            WHERE done_at IS NULL AND next_attempt_at <= @now
            ORDER BY next_attempt_at, order_id
            LIMIT @limit
            """,
            new { now, limit },
            cancellationToken: cancellationToken)))
        .Select(r => new CancellationRequest(r.OrderId, r.PaymentId, (int)r.Attempts))
        .ToList();

    public static Task DoneAsync(DbConnection connection, DbTransaction transaction, string orderId, string outcome, long now, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE payments_cancellations SET done_at = @now, outcome = @outcome, attempts = attempts + 1 WHERE order_id = @orderId AND done_at IS NULL",
            new { orderId, outcome, now },
            transaction,
            cancellationToken: cancellationToken));

    public static Task RetryAsync(DbConnection connection, DbTransaction transaction, string orderId, long nextAttemptAt, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE payments_cancellations SET attempts = attempts + 1, next_attempt_at = @nextAttemptAt WHERE order_id = @orderId AND done_at IS NULL",
            new { orderId, nextAttemptAt },
            transaction,
            cancellationToken: cancellationToken));
}
