using System.Globalization;
using Emporium.BuildingBlocks.Persistence;
using Emporium.BuildingBlocks.Results;
using Emporium.Contracts.FlashSales;
using Emporium.Contracts.Inventory;
using Microsoft.Extensions.Logging;

namespace Emporium.FlashSales.Paying;

/// <summary>
/// <see cref="IFlashSaleClaims"/>: each operation loads the claim under its lock (<see cref="ClaimSessions"/>),
/// decides (<see cref="ClaimDecider"/>), makes the one inventory call the decision needs, and records the
/// outcome. The inventory call is idempotent by key or reservation id, so a step repeated after a crash
/// between the call and the write does the call's work once and then records it.
/// </summary>
internal sealed class FlashSaleClaims(
    ClaimSessions sessions,
    Database database,
    IStockReservations reservations,
    TimeProvider clock,
    ILogger<FlashSaleClaims> logger) : IFlashSaleClaims
{
    public async Task<Result<FlashSaleClaim>> GetAsync(string claimId, string userId, CancellationToken cancellationToken)
    {
        var stored = await FindAsync(claimId, cancellationToken);
        return stored is null || stored.Claim.UserId != userId ? ClaimErrors.NotFound : stored.ToContract();
    }

    /// <summary>The claim and its sale, read without a lock; null when unknown.</summary>
    internal async Task<StoredClaim?> FindAsync(string claimId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ClaimRows.LoadAsync(connection, null, claimId, forUpdate: false, cancellationToken);
    }

    public Task<Result<StockReservation>> BeginCheckoutAsync(
        string claimId, string userId, string checkoutId, TimeSpan hold, CancellationToken cancellationToken) =>
        sessions.RunAsync<Result<StockReservation>>(claimId, async session =>
        {
            var decision = ClaimDecider.Begin(session.Stored?.Claim, userId, checkoutId, clock.GetUtcNow());
            if (!decision.IsSuccess)
            {
                return decision.Error!;
            }

            if (decision.Value is BeginDecision.Resume resume)
            {
                return await reservations.GetAsync(resume.ReservationId, cancellationToken);
            }

            var (claim, sale) = (session.Stored!.Claim, session.Stored.Sale);
            if (sale.AllotmentId is null)
            {
                return ClaimErrors.Expired; // a claimed claim always belongs to an open sale; this one has no stock behind it
            }

            var carved = await reservations.CarveAsync(sale.AllotmentId, CarveRequest(claim, sale, checkoutId, hold), cancellationToken);
            if (!carved.IsSuccess)
            {
                // Without a row lock (SQLite), a checkout begun meanwhile elsewhere may hold the unit: say so
                // when the claim shows it; otherwise the inventory's answer stands.
                var meanwhile = ClaimDecider.Begin((await session.ReloadAsync())?.Claim, userId, checkoutId, clock.GetUtcNow());
                return meanwhile.IsSuccess ? carved.Error! : meanwhile.Error!;
            }

            if (carved.Value.Status != ReservationStatus.Pending)
            {
                // The key answered the reservation this checkout carved before and gave back (abandoned).
                return ClaimErrors.CheckoutEnded;
            }

            if (await session.SaveAsync(ClaimDecider.Evolve(claim, new ClaimEvent.CheckoutBegun(checkoutId, carved.Value.ReservationId))))
            {
                return carved.Value;
            }

            // SQLite (no row lock): the claim changed between the read and the write — the expiry sweep took
            // it, or another process began a checkout. The carved unit must not be held twice: unless it is
            // the very reservation now recorded (the same checkout, the same key), it goes back.
            var current = (await session.ReloadAsync())?.Claim;
            if (current is { Status: ClaimStatus.Paying } && current.ReservationId == carved.Value.ReservationId)
            {
                return carved.Value;
            }

            await reservations.ReturnAsync(carved.Value.ReservationId, cancellationToken);
            var now = ClaimDecider.Begin(current, userId, checkoutId, clock.GetUtcNow());
            return now.IsSuccess ? ClaimErrors.InCheckout : now.Error!;
        }, cancellationToken);

    public Task<Result<FlashSaleClaim>> AbandonCheckoutAsync(string claimId, string checkoutId, CancellationToken cancellationToken) =>
        sessions.RunAsync<Result<FlashSaleClaim>>(claimId, async session =>
        {
            var decision = ClaimDecider.Abandon(session.Stored?.Claim, checkoutId);
            if (!decision.IsSuccess)
            {
                return decision.Error!;
            }

            var stored = session.Stored!;
            if (decision.Value is not { } reservationId)
            {
                return stored.ToContract();
            }

            // A pending reservation is released (its unit refills the allotment); a committed one is
            // returned to the shelf, and the claim, whose unit was sold and given back, is cancelled.
            var returned = await reservations.ReturnAsync(reservationId, cancellationToken);
            if (!returned.IsSuccess)
            {
                return returned.Error!;
            }

            var after = ClaimDecider.Evolve(stored.Claim, new ClaimEvent.CheckoutAbandoned(returned.Value.Status == ReservationStatus.Returned));
            await SaveOrThrowAsync(session, after);
            logger.LogInformation(
                "Checkout {CheckoutId} gave flash-sale claim {ClaimId} up: the claim is {Status}", checkoutId, claimId, ClaimRows.Text(after.Status));
            return (stored with { Claim = after }).ToContract();
        }, cancellationToken);

    public Task<Result<FlashSaleClaim>> CompleteCheckoutAsync(string claimId, string checkoutId, string orderId, CancellationToken cancellationToken) =>
        sessions.RunAsync<Result<FlashSaleClaim>>(claimId, async session =>
        {
            var decision = ClaimDecider.Complete(session.Stored?.Claim, checkoutId, orderId);
            if (!decision.IsSuccess)
            {
                return decision.Error!;
            }

            var stored = session.Stored!;
            if (decision.Value is not { } paid)
            {
                return stored.ToContract();
            }

            var after = ClaimDecider.Evolve(stored.Claim, paid);
            await SaveOrThrowAsync(session, after);
            return (stored with { Claim = after }).ToContract();
        }, cancellationToken);

    private static ReserveStockRequest CarveRequest(ClaimState claim, ClaimSale sale, string checkoutId, TimeSpan hold) => new(
        "checkout:" + checkoutId,
        string.Create(CultureInfo.InvariantCulture, $"flash-claim:{claim.Id}:{checkoutId}"),
        [new ReserveStockLine(sale.SkuId, 1)],
        new StockDestination(sale.Country),
        hold);

    /// <summary>A paying claim changes only under its lock (the sweeps never touch one): a refused write is a bug.</summary>
    private static async Task SaveOrThrowAsync(ClaimSession session, ClaimState after)
    {
        if (!await session.SaveAsync(after))
        {
            throw new InvalidOperationException($"Flash-sale claim {after.Id} changed while its checkout held it.");
        }
    }
}
