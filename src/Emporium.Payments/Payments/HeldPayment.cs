using System.Data.Common;
using Emporium.Payments.Storage;

namespace Emporium.Payments.Payments;

/// <summary>
/// One payment held for a change that spans a gateway call: read, decide, call, record — with nobody
/// else changing the payment (or using the operation's key) in between.
/// On PostgreSQL the payment's row is locked (<c>FOR UPDATE</c>) in a transaction that stays open across
/// the call, and the operation's key is claimed in it, so a concurrent claim waits; nothing of it
/// commits unless the gateway agreed. On SQLite, where a transaction open across the call would stop
/// every writer (the sandbox gateway included), in-process locks on the payment and the key do that
/// job, and the outcome is written in one short transaction afterwards.
/// </summary>
internal sealed class HeldPayment : IAsyncDisposable
{
    private readonly PaymentsWriter _writer;
    private readonly DbConnection? _connection;
    private readonly DbTransaction? _transaction;
    private readonly IAsyncDisposable? _locks;

    private HeldPayment(PaymentsWriter writer, Payment? payment, DbConnection? connection, DbTransaction? transaction, IAsyncDisposable? locks)
    {
        _writer = writer;
        Payment = payment;
        _connection = connection;
        _transaction = transaction;
        _locks = locks;
    }

    /// <summary>The payment as it is now; null when there is no such payment.</summary>
    public Payment? Payment { get; }

    public static async Task<HeldPayment> HoldAsync(PaymentsWriter writer, KeyedLocks locks, string paymentId, string? operationKey, CancellationToken cancellationToken)
    {
        if (writer.Database.IsPostgres)
        {
            var connection = await writer.Database.OpenAsync(cancellationToken);
            DbTransaction? transaction = null;
            try
            {
                transaction = await connection.BeginTransactionAsync(cancellationToken);
                var payment = await PaymentStore.GetAsync(connection, transaction, paymentId, forUpdate: true, cancellationToken);
                return new HeldPayment(writer, payment, connection, transaction, null);
            }
            catch
            {
                if (transaction is not null)
                {
                    await transaction.DisposeAsync();
                }

                await connection.DisposeAsync();
                throw;
            }
        }

        string[] names = operationKey is null ? ["payment:" + paymentId] : ["payment:" + paymentId, "operation:" + operationKey];
        var held = await locks.AcquireAsync(names, cancellationToken);
        try
        {
            await using var connection = await writer.Database.OpenAsync(cancellationToken);
            return new HeldPayment(writer, await PaymentStore.GetAsync(connection, null, paymentId, forUpdate: false, cancellationToken), null, null, held);
        }
        catch
        {
            await held.DisposeAsync();
            throw;
        }
    }

    public async Task<PaymentOperation?> FindOperationAsync(string idempotencyKey, CancellationToken cancellationToken)
    {
        if (_connection is not null)
        {
            return await PaymentStore.FindOperationAsync(_connection, _transaction, idempotencyKey, cancellationToken);
        }

        await using var connection = await _writer.Database.OpenAsync(cancellationToken);
        return await PaymentStore.FindOperationAsync(connection, null, idempotencyKey, cancellationToken);
    }

    /// <summary>
    /// Takes <paramref name="operation"/>'s key before the gateway is called; false if another request has it.
    /// (On SQLite the in-process lock on the key already keeps others out; the row is written with the outcome.)
    /// </summary>
    public async Task<bool> ClaimAsync(PaymentOperation operation, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return _connection is null
            ? await FindOperationAsync(operation.IdempotencyKey, cancellationToken) is null
            : await PaymentStore.TryInsertOperationAsync(_connection, _transaction!, operation, now, cancellationToken);
    }

    /// <summary>Records the payment's new state (and on SQLite the claimed operation) and commits.</summary>
    public async Task SaveAsync(PaymentState next, PaymentOperation? operation, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        var paymentId = Payment?.PaymentId ?? throw new InvalidOperationException("No payment is held.");
        if (_connection is not null)
        {
            await PaymentStore.UpdateAsync(_connection, _transaction!, paymentId, next, now, cancellationToken);
            await _transaction!.CommitAsync(cancellationToken);
            return;
        }

        await _writer.RunAsync(
            async (connection, transaction) =>
            {
                await PaymentStore.UpdateAsync(connection, transaction, paymentId, next, now, cancellationToken);
                if (operation is not null && !await PaymentStore.TryInsertOperationAsync(connection, transaction, operation, now, cancellationToken))
                {
                    // Only another process on the same file can get here (this one holds the key's lock).
                    throw new InvalidOperationException($"Idempotency key of a {operation.Kind} was taken meanwhile by another process.");
                }
            },
            cancellationToken);
    }

    /// <summary>Ends the hold; on PostgreSQL an uncommitted transaction (the gateway did not agree) rolls back.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_transaction is not null)
        {
            await _transaction.DisposeAsync();
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        if (_locks is not null)
        {
            await _locks.DisposeAsync();
        }
    }
}
