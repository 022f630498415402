namespace Emporium.Payments.Payments;

/// <summary>What a caller (or the gateway's answer) asks of one payment.</summary>
internal abstract record PaymentCommand
{
    private PaymentCommand()
    {
    }

    /// <summary>The gateway authorized the hold.</summary>
    public sealed record RecordAuthorization(string GatewayRef, string CardBrand, string CardLast4) : PaymentCommand;

    /// <summary>The gateway refused the hold for good (a decline, an invalid token).</summary>
    public sealed record RecordDecline(string Code, string Message, string CardBrand, string CardLast4) : PaymentCommand;

    public sealed record Capture : PaymentCommand
    {
        public static readonly Capture Instance = new();
    }

    public sealed record VoidAuthorization : PaymentCommand
    {
        public static readonly VoidAuthorization Instance = new();
    }

    /// <summary>Give back <paramref name="Amount"/>; null: all that is left.</summary>
    public sealed record Refund(long? Amount) : PaymentCommand;
}
