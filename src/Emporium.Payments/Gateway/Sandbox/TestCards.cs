namespace Emporium.Payments.Gateway.Sandbox;

/// <summary>What a test card does at the sandbox gateway; stored with its token (as text) in place of the number.</summary>
internal enum CardBehaviour
{
    Approve,
    Decline,
    InsufficientFunds,
    CaptureTimeout,
}

/// <summary>
/// The sandbox accepts these numbers and no other: a sandbox must never see real card data.
/// </summary>
internal static class TestCards
{
    private static readonly Dictionary<string, CardBehaviour> Cards = new(StringComparer.Ordinal)
    {
        ["4242424242424242"] = CardBehaviour.Approve,
        ["5555555555554444"] = CardBehaviour.Approve,
        ["4000000000000002"] = CardBehaviour.Decline,
        ["4000000000009995"] = CardBehaviour.InsufficientFunds,
        ["4000000000000259"] = CardBehaviour.CaptureTimeout,
    };

    public static IReadOnlyCollection<string> Numbers => Cards.Keys;

    public static CardBehaviour? BehaviourOf(string number) => Cards.TryGetValue(number, out var behaviour) ? behaviour : null;

    public static string Name(this CardBehaviour behaviour) => behaviour switch
    {
        CardBehaviour.Approve => "approve",
        CardBehaviour.Decline => "decline",
        CardBehaviour.InsufficientFunds => "insufficient_funds",
        CardBehaviour.CaptureTimeout => "capture_timeout",
        _ => throw new ArgumentOutOfRangeException(nameof(behaviour), behaviour, null),
    };

    public static CardBehaviour Parse(string name) => name switch
    {
        "approve" => CardBehaviour.Approve,
        "decline" => CardBehaviour.Decline,
        "insufficient_funds" => CardBehaviour.InsufficientFunds,
        "capture_timeout" => CardBehaviour.CaptureTimeout,
        _ => throw new InvalidOperationException($"Unknown sandbox card behaviour '{name}'."),
    };
}
