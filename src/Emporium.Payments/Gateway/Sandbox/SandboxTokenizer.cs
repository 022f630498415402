using Emporium.BuildingBlocks.Results;
using Emporium.Payments.Storage;
using Emporium.Payments.Tokens;

namespace Emporium.Payments.Gateway.Sandbox;

/// <summary>A token issued for a card: what the browser keeps and sends to checkout instead of the card.</summary>
internal sealed record IssuedToken(string Token, string Brand, string Last4, int ExpMonth, int ExpYear);

/// <summary>
/// The sandbox's tokenization (a real provider does this in the browser, with its publishable key).
/// Only test cards are accepted; what is kept is their behaviour, brand, last four digits and expiry.
/// </summary>
internal sealed class SandboxTokenizer(PaymentsWriter writer, TimeProvider clock)
{
    public static readonly Error NotATestCard = new(
        ErrorKind.Unprocessable,
        "card_not_test_card",
        "The sandbox gateway takes test cards only (4242424242424242, 5555555555554444, 4000000000000002, 4000000000009995, 4000000000000259); never a real card.");

    public async Task<Result<IssuedToken>> TokenizeAsync(ValidCard card, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(card);
        if (TestCards.BehaviourOf(card.Number) is not { } behaviour)
        {
            return NotATestCard;
        }

        var issued = new IssuedToken(SandboxGateway.NewId("tok_"), card.Brand, card.Last4, card.ExpMonth, card.ExpYear);
        await writer.RunAsync(
            (connection, transaction) => SandboxStore.InsertTokenAsync(
                connection,
                transaction,
                new
                {
                    issued.Token,
                    issued.Brand,
                    issued.Last4,
                    issued.ExpMonth,
                    issued.ExpYear,
                    Behaviour = behaviour.Name(),
                    CreatedAt = clock.GetUtcNow().ToUnixTimeMilliseconds(),
                },
                cancellationToken),
            cancellationToken);
        return issued;
    }
}
