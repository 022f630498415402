using System.Diagnostics;
using Emporium.BuildingBlocks.Results;
using Emporium.Checkout.Saga;
using Emporium.Checkout.Storage;

namespace Emporium.Checkout.Placing;

/// <summary>The answer to one checkout request, and whether it was given before (a replay of the key).</summary>
internal sealed record CheckoutAnswer(CheckoutResponse Response, bool Replayed, string? OrderId, bool RetryLater = false);

/// <summary>
/// Idempotency with Stripe's semantics on top of the saga table: the first request with a key creates the
/// saga and runs it; a later one with the same body gets the stored answer; another body gets 422; a
/// concurrent one waits for the first's answer — and takes the saga over if its owner died mid-way.
/// </summary>
internal sealed class CheckoutCoordinator(SagaStore store, SagaExecutor executor, CheckoutSettings settings, TimeProvider clock)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);

    public async Task<CheckoutAnswer> PlaceAsync(string userId, ValidCheckout request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var owner = Guid.NewGuid().ToString("N");
        var checkoutId = CheckoutIds.NewCheckoutId();
        var fresh = new NewSaga(checkoutId, userId, request.IdempotencyKey, request.Fingerprint, request.Input, owner, clock.GetUtcNow() + settings.Lease);
        if (await store.TryCreateAsync(fresh, cancellationToken))
        {
            var record = new SagaRecord(new SagaState(checkoutId, userId, request.Input), request.Fingerprint, 0, null, fresh.LeaseUntil);
            // Once started, the saga runs to an end even if the buyer disconnects: cancelled mid-step it would
            // hold the stock (and perhaps an authorization) until recovery took it over after the lease.
            var (_, after) = await executor.RunAsync(record, owner, CancellationToken.None);
            if (after.Response is { } response)
            {
                return new CheckoutAnswer(response, Replayed: false, after.State.OrderId);
            }
        }
        else
        {
            checkoutId = await store.FindIdAsync(userId, request.IdempotencyKey, cancellationToken)
                ?? throw new InvalidOperationException("A checkout key that conflicted on insert has no row.");
        }

        return await AwaitAnswerAsync(checkoutId, request.Fingerprint, owner, cancellationToken);
    }

    private async Task<CheckoutAnswer> AwaitAnswerAsync(string checkoutId, string fingerprint, string owner, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        var ranHere = false;
        while (true)
        {
            var record = await store.LoadAsync(checkoutId, cancellationToken)
                ?? throw new InvalidOperationException($"Checkout {checkoutId} disappeared.");
            if (!string.Equals(record.Fingerprint, fingerprint, StringComparison.Ordinal))
            {
                return Refused(new Error(ErrorKind.Unprocessable, "idempotency_key_reused", "This Idempotency-Key was used for a checkout with a different request. Use a new key for a new checkout."));
            }

            if (record.Response is { } response)
            {
                return new CheckoutAnswer(response, Replayed: !ranHere, record.State.OrderId);
            }

            // The first request's process died (or it threw) mid-saga: this request finishes the job.
            if (record.LeaseUntil <= clock.GetUtcNow() && await store.TryLeaseAsync(checkoutId, owner, clock.GetUtcNow() + settings.Lease, cancellationToken))
            {
                var reloaded = await store.LoadAsync(checkoutId, cancellationToken) ?? record;
                await executor.RunAsync(reloaded, owner, CancellationToken.None);
                ranHere = true;
                continue;
            }

            if (waited.Elapsed > settings.ConcurrentWait)
            {
                return Refused(new Error(ErrorKind.Conflict, "checkout_in_progress", "A checkout with this Idempotency-Key is still in progress. Retry the same request shortly to get its result.")) with { RetryLater = true };
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    /// <summary>Answers that are about the key, not the checkout: never stored, so they never replace the checkout's own answer.</summary>
    private static CheckoutAnswer Refused(Error error) => new(CheckoutAnswers.Problem(error), Replayed: false, OrderId: null);
}
