using Emporium.Contracts.Payments;

namespace Emporium.Payments.Payments;

/// <summary>
/// A stored payment: who and what it is for, the caller's idempotency key with a hash of the request it
/// answered (the token only as part of that hash), and its <see cref="State"/>.
/// </summary>
internal sealed record Payment(
    string PaymentId,
    string Reference,
    string UserId,
    string IdempotencyKey,
    string Fingerprint,
    string Currency,
    PaymentState State,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public PaymentSnapshot ToSnapshot() => new(
        PaymentId,
        Reference,
        State.Status,
        State.Amount,
        Currency,
        State.CapturedAmount,
        State.RefundedAmount,
        State.CardBrand,
        State.CardLast4,
        State.FailureCode,
        State.FailureMessage);
}

internal enum OperationKind
{
    Capture,
    Void,
    Refund,
}

/// <summary>A capture, void or refund made under the caller's <paramref name="IdempotencyKey"/>.</summary>
internal sealed record PaymentOperation(string IdempotencyKey, string PaymentId, OperationKind Kind, long Amount);

/// <summary>How statuses and operation kinds are written in the tables.</summary>
internal static class StoredNames
{
    public static string Of(PaymentStatus status) => status.ToString().ToLowerInvariant();

    public static string Of(OperationKind kind) => kind.ToString().ToLowerInvariant();

    public static PaymentStatus Status(string text) => Enum.Parse<PaymentStatus>(text, ignoreCase: true);

    public static OperationKind Kind(string text) => Enum.Parse<OperationKind>(text, ignoreCase: true);
}
