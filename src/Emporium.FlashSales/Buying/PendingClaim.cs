namespace Emporium.FlashSales.Buying;

/// <summary>
/// A claim the gate granted and the buyer is waiting on: written by <see cref="ClaimWriter"/>, which then
/// says whether it is durable. Holds its gate so that a claim that could not be written gives its unit back.
/// </summary>
internal sealed class PendingClaim
{
    private readonly TaskCompletionSource<bool> _stored = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PendingClaim(ISaleGate gate, string userId, DateTimeOffset claimedAt, TimeSpan deadline, long epoch = 0)
    {
        ArgumentNullException.ThrowIfNull(gate);
        Gate = gate;
        UserId = userId;
        Epoch = epoch;
        Id = Guid.CreateVersion7(claimedAt).ToString("N");

        // Whole milliseconds, as stored, so the deadline the buyer hears is the one the sweep applies.
        ClaimedAt = DateTimeOffset.FromUnixTimeMilliseconds(claimedAt.ToUnixTimeMilliseconds());
        ExpiresAt = ClaimedAt + deadline;
    }

    public ISaleGate Gate { get; }

    public string Id { get; }

    public long SaleId => Gate.Sale.Id;

    public string UserId { get; }

    /// <summary>The gate generation that granted the unit (<see cref="GateTake.Epoch"/>); 0 is never fenced.</summary>
    public long Epoch { get; }

    public DateTimeOffset ClaimedAt { get; }

    public DateTimeOffset ExpiresAt { get; }

    /// <summary>True once the claim is committed; false when it is not (and never will be: its unit is back in the gate or lost).</summary>
    public Task<bool> Stored => _stored.Task;

    public void Complete(bool stored) => _stored.TrySetResult(stored);
}
