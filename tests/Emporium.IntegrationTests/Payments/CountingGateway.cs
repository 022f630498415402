using Emporium.Payments.Gateway;

namespace Emporium.IntegrationTests.Payments;

/// <summary>The sandbox gateway with a count of the authorizations asked of it, per gateway key.</summary>
internal sealed class CountingGateway(IPaymentGateway inner) : IPaymentGateway
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _authorizations = new(StringComparer.Ordinal);

    public int AuthorizationsWith(string gatewayKey) => _authorizations.GetValueOrDefault(gatewayKey);

    public Task<AuthorizationAnswer> AuthorizeAsync(string token, long amount, string currency, string idempotencyKey, CancellationToken cancellationToken)
    {
        _authorizations.AddOrUpdate(idempotencyKey, 1, (_, count) => count + 1);
        return inner.AuthorizeAsync(token, amount, currency, idempotencyKey, cancellationToken);
    }

    public Task<OperationAnswer> CaptureAsync(string gatewayRef, long amount, string idempotencyKey, CancellationToken cancellationToken) =>
        inner.CaptureAsync(gatewayRef, amount, idempotencyKey, cancellationToken);

    public Task<OperationAnswer> VoidAsync(string gatewayRef, string idempotencyKey, CancellationToken cancellationToken) =>
        inner.VoidAsync(gatewayRef, idempotencyKey, cancellationToken);

    public Task<OperationAnswer> RefundAsync(string gatewayRef, long amount, string idempotencyKey, CancellationToken cancellationToken) =>
        inner.RefundAsync(gatewayRef, amount, idempotencyKey, cancellationToken);
}
