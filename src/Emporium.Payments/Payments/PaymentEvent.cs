namespace Emporium.Payments.Payments;

/// <summary>What happened to a payment. For captures, voids and refunds the gateway agreed first.</summary>
internal abstract record PaymentEvent
{
    private PaymentEvent()
    {
    }

    public sealed record Authorized(string GatewayRef, string CardBrand, string CardLast4) : PaymentEvent;

    public sealed record AuthorizationFailed(string Code, string Message, string CardBrand, string CardLast4) : PaymentEvent;

    public sealed record Captured(long Amount) : PaymentEvent;

    public sealed record Voided : PaymentEvent;

    public sealed record Refunded(long Amount) : PaymentEvent;
}
