using Emporium.Checkout.Saga;

namespace Emporium.Checkout.Storage;

/// <summary>A stored checkout: its folded state, the version it was read at, and the answer once one is decided.</summary>
internal sealed record SagaRecord(
    SagaState State,
    string Fingerprint,
    int Version,
    CheckoutResponse? Response,
    DateTimeOffset LeaseUntil);

/// <summary>The buyer's answer, stored verbatim so every replay of the key gets exactly the same status and body.</summary>
internal sealed record CheckoutResponse(int Status, string Body);

/// <summary>A new checkout as first written, owned by <paramref name="LeaseOwner"/> until <paramref name="LeaseUntil"/>.</summary>
internal sealed record NewSaga(
    string CheckoutId,
    string UserId,
    string IdempotencyKey,
    string Fingerprint,
    CheckoutInput Input,
    string LeaseOwner,
    DateTimeOffset LeaseUntil);
