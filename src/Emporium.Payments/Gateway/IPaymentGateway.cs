namespace Emporium.Payments.Gateway;

/// <summary>
/// The payment provider, as payments sees it. Every call carries an idempotency key: the provider
/// gives a repeated key one effect and the first answer. A timeout says nothing about the effect —
/// the call may or may not have happened — so the caller retries with the same key to find out.
/// The built-in implementation is the sandbox (<c>Gateway/Sandbox</c>); a real provider's adapter
/// would call it over HTTP.
/// </summary>
internal interface IPaymentGateway
{
    /// <summary>Holds <paramref name="amount"/> on the card behind <paramref name="token"/> (single-use).</summary>
    Task<AuthorizationAnswer> AuthorizeAsync(string token, long amount, string currency, string idempotencyKey, CancellationToken cancellationToken);

    Task<OperationAnswer> CaptureAsync(string gatewayRef, long amount, string idempotencyKey, CancellationToken cancellationToken);

    Task<OperationAnswer> VoidAsync(string gatewayRef, string idempotencyKey, CancellationToken cancellationToken);

    Task<OperationAnswer> RefundAsync(string gatewayRef, long amount, string idempotencyKey, CancellationToken cancellationToken);
}

/// <summary>The card as a provider describes it: never more than brand and last four digits.</summary>
internal sealed record CardSummary(string Brand, string Last4)
{
    public static readonly CardSummary Unknown = new(string.Empty, string.Empty);
}

/// <summary>What an authorization came to.</summary>
internal abstract record AuthorizationAnswer
{
    private AuthorizationAnswer()
    {
    }

    public sealed record Authorized(string GatewayRef, CardSummary Card) : AuthorizationAnswer;

    /// <summary>Refused for good (<c>card_declined</c>, <c>insufficient_funds</c>, <c>payment_token_invalid</c>, …): a retry answers the same.</summary>
    public sealed record Declined(string Code, string Message, CardSummary Card) : AuthorizationAnswer;

    /// <summary>No answer in time: the hold may or may not exist.</summary>
    public sealed record TimedOut : AuthorizationAnswer
    {
        public static readonly TimedOut Instance = new();
    }
}

/// <summary>What a capture, void or refund came to.</summary>
internal abstract record OperationAnswer
{
    private OperationAnswer()
    {
    }

    public sealed record Done : OperationAnswer
    {
        public static readonly Done Instance = new();
    }

    public sealed record Refused(string Code, string Message) : OperationAnswer;

    /// <summary>No answer in time: the operation may or may not have happened.</summary>
    public sealed record TimedOut : OperationAnswer
    {
        public static readonly TimedOut Instance = new();
    }
}
