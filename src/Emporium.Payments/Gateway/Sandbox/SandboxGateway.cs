using System.Data.Common;
using System.Security.Cryptography;
using Emporium.Payments.Storage;

namespace Emporium.Payments.Gateway.Sandbox;

/// <summary>
/// The built-in gateway: behaves like a real provider's test mode, in tables of its own. Each call
/// goes through the faults (latency, a timeout before the effect, a reply lost after it), and each
/// key has one effect and one answer, kept and replayed — declines and refusals included; timeouts
/// are not answers and are not kept.
/// </summary>
internal sealed class SandboxGateway(PaymentsWriter writer, SandboxFaults faults, TimeProvider clock) : IPaymentGateway
{
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(1);

    private const string Authorize = "authorize";
    private const string Capture = "capture";
    private const string Void = "void";
    private const string Refund = "refund";

    public Task<AuthorizationAnswer> AuthorizeAsync(string token, long amount, string currency, string idempotencyKey, CancellationToken cancellationToken) =>
        CallAsync<AuthorizationAnswer>(
            AuthorizationAnswer.TimedOut.Instance,
            (connection, transaction, now) => AuthorizeAsync(connection, transaction, token, amount, currency, idempotencyKey, now, cancellationToken),
            cancellationToken);

    public Task<OperationAnswer> CaptureAsync(string gatewayRef, long amount, string idempotencyKey, CancellationToken cancellationToken) =>
        OperateAsync(Capture, gatewayRef, amount, idempotencyKey, cancellationToken);

    public Task<OperationAnswer> VoidAsync(string gatewayRef, string idempotencyKey, CancellationToken cancellationToken) =>
        OperateAsync(Void, gatewayRef, 0, idempotencyKey, cancellationToken);

    public Task<OperationAnswer> RefundAsync(string gatewayRef, long amount, string idempotencyKey, CancellationToken cancellationToken) =>
        OperateAsync(Refund, gatewayRef, amount, idempotencyKey, cancellationToken);

    internal static string NewId(string prefix) => prefix + RandomNumberGenerator.GetHexString(24, lowercase: true);

    /// <summary>The network around every call: latency, then maybe no call at all, then maybe no reply.</summary>
    private async Task<T> CallAsync<T>(T timedOut, Func<DbConnection, DbTransaction, long, Task<T>> effect, CancellationToken cancellationToken)
    {
        await faults.LatencyAsync(cancellationToken);
        if (faults.TimesOut())
        {
            return timedOut;
        }

        var answer = await writer.RunAsync((connection, transaction) => effect(connection, transaction, clock.GetUtcNow().ToUnixTimeMilliseconds()), cancellationToken);
        return faults.LosesReply() ? timedOut : answer;
    }

    private async Task<AuthorizationAnswer> AuthorizeAsync(
        DbConnection connection, DbTransaction transaction, string token, long amount, string currency, string key, long now, CancellationToken cancellationToken)
    {
        var fingerprint = SandboxStore.Fingerprint(Authorize, token, amount, currency);
        if (!await SandboxStore.ClaimAsync(connection, transaction, key, Authorize, fingerprint, now, cancellationToken))
        {
            return AuthorizationReplay(await SandboxStore.RequestAsync(connection, transaction, key, cancellationToken), fingerprint);
        }

        var card = await SandboxStore.TokenAsync(connection, transaction, token, cancellationToken);
        var invalid = card is null ? "No such token."
            : now >= card.CreatedAt + (long)TokenLifetime.TotalMilliseconds ? "The token has expired."
            : !await SandboxStore.ConsumeTokenAsync(connection, transaction, token, key, cancellationToken) ? "The token was already used."
            : null;
        SandboxRequest answer;
        if (invalid is not null || card is null)
        {
            answer = Refusal("payment_token_invalid", invalid + " Tokenize the card again.");
        }
        else
        {
            answer = TestCards.Parse(card.Behaviour) switch
            {
                CardBehaviour.Decline => Refusal("card_declined", "The card was declined."),
                CardBehaviour.InsufficientFunds => Refusal("insufficient_funds", "The card has insufficient funds."),
                _ => new SandboxRequest { Approved = true, GatewayRef = NewId("ch_") },
            };
            if (answer.Approved)
            {
                await SandboxStore.InsertChargeAsync(connection, transaction, answer.GatewayRef!, card, amount, currency, now, cancellationToken);
            }

            answer = new SandboxRequest
            {
                Approved = answer.Approved, GatewayRef = answer.GatewayRef, Code = answer.Code, Message = answer.Message, CardBrand = card.Brand, CardLast4 = card.Last4,
            };
        }

        await SandboxStore.AnswerAsync(connection, transaction, key, answer, cancellationToken);
        return AuthorizationReplay(answer, null);
    }

    private Task<OperationAnswer> OperateAsync(string operation, string gatewayRef, long amount, string key, CancellationToken cancellationToken) =>
        CallAsync<OperationAnswer>(
            OperationAnswer.TimedOut.Instance,
            async (connection, transaction, now) =>
            {
                var fingerprint = SandboxStore.Fingerprint(operation, gatewayRef, amount, string.Empty);
                if (await SandboxStore.RequestAsync(connection, transaction, key, cancellationToken) is { } previous)
                {
                    return OperationReplay(previous, fingerprint);
                }

                var charge = await SandboxStore.ChargeAsync(connection, transaction, gatewayRef, cancellationToken);
                if (operation == Capture && charge is not null && TestCards.Parse(charge.Behaviour) == CardBehaviour.CaptureTimeout)
                {
                    // The test card whose captures never answer, and never happen.
                    return OperationAnswer.TimedOut.Instance;
                }

                if (!await SandboxStore.ClaimAsync(connection, transaction, key, operation, fingerprint, now, cancellationToken))
                {
                    return OperationReplay(await SandboxStore.RequestAsync(connection, transaction, key, cancellationToken), fingerprint);
                }

                var (answer, assignments) = charge is null ? (Refusal("no_such_charge", "No such charge."), null) : Decide(operation, charge, amount);
                if (assignments is not null)
                {
                    await SandboxStore.UpdateChargeAsync(connection, transaction, gatewayRef, assignments, amount, now, cancellationToken);
                }

                await SandboxStore.AnswerAsync(connection, transaction, key, answer, cancellationToken);
                return OperationReplay(answer, null);
            },
            cancellationToken);

    /// <summary>A provider's rules for a charge: the answer, and the change to make (null: none).</summary>
    private static (SandboxRequest Answer, string? Assignments) Decide(string operation, SandboxCharge charge, long amount) => operation switch
    {
        Capture when charge.Voided => (Refusal("charge_voided", "The authorization was voided."), null),
        Capture when charge.CapturedAmount > 0 => (Refusal("charge_already_captured", "The charge was already captured."), null),
        Capture when amount <= 0 || amount > charge.AuthorizedAmount => (Refusal("amount_invalid", "More than the authorized amount, or nothing."), null),
        Capture => (Approved, "captured_amount = @amount"),
        Void when charge.CapturedAmount > 0 => (Refusal("charge_captured", "A captured charge cannot be voided; refund it."), null),
        Void when charge.Voided => (Approved, null),
        Void => (Approved, "voided = TRUE"),
        Refund when charge.CapturedAmount == 0 => (Refusal("charge_not_captured", "Nothing was captured."), null),
        Refund when amount <= 0 || amount > charge.CapturedAmount - charge.RefundedAmount =>
            (Refusal("refund_exceeds_captured", "More than what is left of the capture, or nothing."), null),
        Refund => (Approved, "refunded_amount = refunded_amount + @amount"),
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
    };

    private static SandboxRequest Approved => new() { Approved = true };

    private static SandboxRequest Refusal(string code, string message) => new() { Approved = false, Code = code, Message = message };

    private static AuthorizationAnswer AuthorizationReplay(SandboxRequest? answer, string? fingerprint)
    {
        if (answer is null || (fingerprint is not null && answer.Fingerprint != fingerprint))
        {
            return new AuthorizationAnswer.Declined("idempotency_key_reused", "This idempotency key was used for another request.", CardSummary.Unknown);
        }

        var card = answer.CardBrand is null ? CardSummary.Unknown : new CardSummary(answer.CardBrand, answer.CardLast4 ?? string.Empty);
        return answer.Approved
            ? new AuthorizationAnswer.Authorized(answer.GatewayRef!, card)
            : new AuthorizationAnswer.Declined(answer.Code!, answer.Message!, card);
    }

    private static OperationAnswer OperationReplay(SandboxRequest? answer, string? fingerprint) =>
        answer is null || (fingerprint is not null && answer.Fingerprint != fingerprint)
            ? new OperationAnswer.Refused("idempotency_key_reused", "This idempotency key was used for another request.")
            : answer.Approved ? OperationAnswer.Done.Instance : new OperationAnswer.Refused(answer.Code!, answer.Message!);
}
