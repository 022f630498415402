using Emporium.BuildingBlocks.Results;
using Emporium.Contracts.FlashSales;

namespace Emporium.FlashSales.Paying;

/// <summary>
/// A claim as paying sees it (<c>flashsales_claims</c>): whose it is, where it stands, and which checkout
/// is paying it with which carved reservation.
/// </summary>
internal sealed record ClaimState(
    string Id,
    long SaleId,
    string UserId,
    ClaimStatus Status,
    DateTimeOffset ExpiresAt,
    string? CheckoutId,
    string? ReservationId,
    string? OrderId);

/// <summary>What happened to a claim while a checkout paid it.</summary>
internal abstract record ClaimEvent
{
    /// <summary>A unit was carved out of the allotment for <paramref name="CheckoutId"/>: the claim is paying and no longer expires.</summary>
    public sealed record CheckoutBegun(string CheckoutId, string ReservationId) : ClaimEvent;

    /// <summary>
    /// The checkout was undone and its reservation returned. Its unit went back to the allotment (the
    /// claim can be paid again) — or, when the reservation had been committed, to the shelf (cancelled).
    /// </summary>
    public sealed record CheckoutAbandoned(bool UnitWentToShelf) : ClaimEvent;

    public sealed record Paid(string OrderId) : ClaimEvent;
}

/// <summary>What beginning a checkout has to do, once the decider has allowed it.</summary>
internal abstract record BeginDecision
{
    /// <summary>Carve the claim's unit out of the allotment, then record <see cref="ClaimEvent.CheckoutBegun"/>.</summary>
    public sealed record Carve : BeginDecision;

    /// <summary>This checkout is paying the claim already: answer its reservation as it is now.</summary>
    public sealed record Resume(string ReservationId) : BeginDecision;
}

/// <summary>
/// The claim's rules while checkout pays it, as pure functions: each operation is decided from the claim
/// as stored (and the clock) before anything is touched, and what it did is applied by <see cref="Evolve"/>.
/// Every decision is idempotent by checkout id: a step a crashed saga repeats decides "nothing to do".
/// </summary>
internal static class ClaimDecider
{
    public static Result<BeginDecision> Begin(ClaimState? claim, string userId, string checkoutId, DateTimeOffset now) => claim switch
    {
        null => ClaimErrors.NotFound,
        _ when claim.UserId != userId => ClaimErrors.NotFound,
        { Status: ClaimStatus.Paying } when claim.CheckoutId == checkoutId => new BeginDecision.Resume(claim.ReservationId!),
        { Status: ClaimStatus.Paying } => ClaimErrors.InCheckout,
        { Status: ClaimStatus.Paid } => ClaimErrors.Paid,
        { Status: ClaimStatus.Cancelled } => ClaimErrors.Cancelled,
        { Status: ClaimStatus.Expired } => ClaimErrors.Expired,
        { Status: ClaimStatus.Claimed } when now >= claim.ExpiresAt => ClaimErrors.Expired,
        { Status: ClaimStatus.Claimed } => new BeginDecision.Carve(),
        _ => throw new InvalidOperationException($"Claim {claim.Id} has an unknown status {claim.Status}."),
    };

    /// <summary>The reservation to return, or null when <paramref name="checkoutId"/> is not paying the claim (nothing to undo).</summary>
    public static Result<string?> Abandon(ClaimState? claim, string checkoutId) => claim switch
    {
        null => ClaimErrors.NotFound,
        { Status: ClaimStatus.Paying } when claim.CheckoutId == checkoutId => claim.ReservationId!,
        _ => Result<string?>.Success(null),
    };

    /// <summary>The event that marks the claim paid, or null when it is paid by this checkout already.</summary>
    public static Result<ClaimEvent?> Complete(ClaimState? claim, string checkoutId, string orderId) => claim switch
    {
        null => ClaimErrors.NotFound,
        { Status: ClaimStatus.Paying } when claim.CheckoutId == checkoutId => new ClaimEvent.Paid(orderId),
        { Status: ClaimStatus.Paid } when claim.CheckoutId == checkoutId => Result<ClaimEvent?>.Success(null),
        { Status: ClaimStatus.Paid } => ClaimErrors.Paid,
        { Status: ClaimStatus.Paying } => ClaimErrors.InCheckout,
        { Status: ClaimStatus.Expired } => ClaimErrors.Expired,
        { Status: ClaimStatus.Cancelled } => ClaimErrors.Cancelled,
        _ => ClaimErrors.NotInCheckout,
    };

    public static ClaimState Evolve(ClaimState claim, ClaimEvent @event)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return @event switch
        {
            ClaimEvent.CheckoutBegun begun => claim with { Status = ClaimStatus.Paying, CheckoutId = begun.CheckoutId, ReservationId = begun.ReservationId },

            // Cancelled keeps the checkout and reservation that sold and returned its unit; a claim that
            // can be paid again forgets them (the next checkout carves a reservation of its own).
            ClaimEvent.CheckoutAbandoned { UnitWentToShelf: true } => claim with { Status = ClaimStatus.Cancelled },
            ClaimEvent.CheckoutAbandoned => claim with { Status = ClaimStatus.Claimed, CheckoutId = null, ReservationId = null },
            ClaimEvent.Paid paid => claim with { Status = ClaimStatus.Paid, OrderId = paid.OrderId },
            _ => throw new ArgumentOutOfRangeException(nameof(@event), @event, "Unknown claim event."),
        };
    }
}

/// <summary>The expected failures of paying a claim; their codes are part of the API.</summary>
internal static class ClaimErrors
{
    public static readonly Error NotFound = Error.NotFound("claim_not_found", "There is no such claim of yours.");

    public static readonly Error Expired = new(ErrorKind.Gone, "claim_expired", "The claim was not paid in time; its unit went back to the sale.");

    public static readonly Error Paid = new(ErrorKind.Conflict, "claim_paid", "The claim is paid already.");

    public static readonly Error InCheckout = new(ErrorKind.Conflict, "claim_in_checkout", "Another checkout is paying this claim.");

    public static readonly Error Cancelled = new(ErrorKind.Gone, "claim_cancelled", "The claim was paid and then undone; its unit went back to the shelf.");

    public static readonly Error NotInCheckout = new(ErrorKind.Conflict, "claim_not_in_checkout", "No checkout is paying this claim: begin one first.");

    public static readonly Error CheckoutEnded = new(
        ErrorKind.Conflict, "claim_checkout_ended", "This checkout gave the claim up already; pay it with a new checkout.");
}
