using System.Data.Common;

namespace Emporium.BuildingBlocks.Persistence;

/// <summary>
/// What one queued write sees of its transaction (<see cref="WriteQueue.RunAsync{T}"/>): the connection and
/// transaction to run its commands in, and its own commit and rollback.
/// </summary>
/// <remarks>
/// When the write shares a SQLite transaction with others (group commit), <see cref="Transaction"/> is the
/// shared one and the write runs inside a savepoint: <see cref="CommitAsync"/> keeps the write for the
/// group's one commit, and the caller hears back only once that commit is on disk;
/// <see cref="RollbackAsync"/> undoes the write alone. Either way a write must not call
/// <see cref="DbTransaction.CommitAsync(CancellationToken)"/> or <see cref="DbTransaction.RollbackAsync(CancellationToken)"/>
/// on <see cref="Transaction"/> itself, and it reads in <see cref="Transaction"/> even after rolling back.
/// </remarks>
public sealed class QueuedTransaction
{
    private readonly string? _savepoint;

    internal QueuedTransaction(DbConnection connection, DbTransaction transaction, string? savepoint)
    {
        Connection = connection;
        Transaction = transaction;
        _savepoint = savepoint;
    }

    public DbConnection Connection { get; }

    public DbTransaction Transaction { get; }

    /// <summary>The write asked to keep its changes.</summary>
    public bool Committed { get; private set; }

    /// <summary>The write asked to undo its changes (then it may still read).</summary>
    public bool RolledBack { get; private set; }

    /// <summary>Keeps the write's changes: commits now when alone, with the group's commit otherwise.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (Committed || RolledBack)
        {
            throw new InvalidOperationException("This write has already ended.");
        }

        if (_savepoint is null)
        {
            await Transaction.CommitAsync(cancellationToken);
        }

        Committed = true;
    }

    /// <summary>Undoes the write's changes; later reads still run in <see cref="Transaction"/>.</summary>
    public async Task RollbackAsync(CancellationToken cancellationToken)
    {
        if (Committed || RolledBack)
        {
            throw new InvalidOperationException("This write has already ended.");
        }

        if (_savepoint is null)
        {
            await Transaction.RollbackAsync(cancellationToken);
        }
        else
        {
            // Not cancellable: a half-done rollback would leave the write's changes in the shared transaction.
            await Transaction.RollbackAsync(_savepoint, CancellationToken.None);
        }

        RolledBack = true;
    }

    /// <summary>
    /// A command's transaction for reads after the write ended: none when the write had the transaction to
    /// itself (it is over), the shared one otherwise (the connection is still inside it).
    /// </summary>
    public DbTransaction? ReadTransaction => _savepoint is null && (Committed || RolledBack) ? null : Transaction;
}
