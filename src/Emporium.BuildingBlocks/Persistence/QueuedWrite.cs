using System.Runtime.ExceptionServices;

namespace Emporium.BuildingBlocks.Persistence;

/// <summary>
/// A write waiting in a <see cref="WriteQueue"/>: its work, and the caller waiting for the outcome. The
/// outcome is held back until the transaction that carries it has committed (or failed).
/// </summary>
internal abstract class QueuedWrite(WriteDurability durability, CancellationToken cancellationToken)
{
    public WriteDurability Durability => durability;

    public CancellationToken CancellationToken => cancellationToken;

    /// <summary>Runs the work; its result or exception is kept until <see cref="Deliver"/>.</summary>
    public abstract Task RunAsync(QueuedTransaction transaction);

    /// <summary>The work asked to keep its changes (only meaningful once <see cref="RunAsync"/> returned).</summary>
    public bool Committed { get; protected set; }

    /// <summary>Tells the caller what its work answered.</summary>
    public abstract void Deliver();

    /// <summary>Tells the caller its write failed with <paramref name="exception"/> (the transaction it was in did not commit).</summary>
    public abstract void Fail(Exception exception);

    /// <summary>Tells the caller its write was cancelled before it started.</summary>
    public abstract void Cancel();
}

/// <inheritdoc cref="QueuedWrite"/>
internal sealed class QueuedWrite<T>(Func<QueuedTransaction, Task<T>> work, WriteDurability durability, CancellationToken cancellationToken)
    : QueuedWrite(durability, cancellationToken)
{
    // Continuations run on the thread pool, never inline on the queue's writing loop.
    private readonly TaskCompletionSource<T> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;
    private ExceptionDispatchInfo? _error;

    public Task<T> Outcome => _outcome.Task;

    public override async Task RunAsync(QueuedTransaction transaction)
    {
        try
        {
            _result = await work(transaction);
        }
        catch (Exception exception)
        {
            _error = ExceptionDispatchInfo.Capture(exception);
        }

        Committed = transaction.Committed;
    }

    public override void Deliver()
    {
        if (_error is null)
        {
            _outcome.TrySetResult(_result!);
        }
        else if (_error.SourceException is OperationCanceledException cancelled)
        {
            _outcome.TrySetCanceled(cancelled.CancellationToken);
        }
        else
        {
            _outcome.TrySetException(_error.SourceException);
        }
    }

    public override void Fail(Exception exception) => _outcome.TrySetException(exception);

    public override void Cancel() => _outcome.TrySetCanceled(CancellationToken);
}
