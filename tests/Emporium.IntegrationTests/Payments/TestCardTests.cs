using Emporium.BuildingBlocks.Results;
using Emporium.Contracts.Payments;
using Emporium.IntegrationTests.Infrastructure;

namespace Emporium.IntegrationTests.Payments;

/// <summary>What each sandbox test card does through <see cref="IPayments"/>, and the rules of tokens (single use).</summary>
public abstract class TestCardTests(AppFixture fixture)
{
    private readonly PaymentsKit _kit = new(fixture.App);

    [Theory]
    [InlineData(PaymentsKit.Visa, "visa", "4242")]
    [InlineData(PaymentsKit.Mastercard, "mastercard", "4444")]
    public async Task An_approving_card_authorizes_the_amount_and_holds_it_at_the_gateway(string number, string brand, string last4)
    {
        var request = PaymentsKit.Authorization(await _kit.TokenAsync(number), 4_321, currency: "USD", reference: "checkout:cards-" + last4);

        var payment = PaymentsKit.Ok(await _kit.AuthorizeAsync(request));

        payment.PaymentId.ShouldStartWith("pay_");
        (payment with { PaymentId = "" }).ShouldBe(new PaymentSnapshot("", request.Reference, PaymentStatus.Authorized, 4_321, "USD", 0, 0, brand, last4, null, null));
        (await _kit.ChargeOfAsync(payment.PaymentId)).ShouldBe(new SandboxChargeRow(4_321, 4_321, 0, 0, 0));
        (await _kit.CurrentAsync(payment.PaymentId)).ShouldBe(payment);
    }

    [Theory]
    [InlineData(PaymentsKit.Declining, "card_declined", "0002")]
    [InlineData(PaymentsKit.NoFunds, "insufficient_funds", "9995")]
    public async Task A_declining_card_is_a_402_and_the_payment_is_recorded_as_failed(string number, string code, string last4)
    {
        var request = PaymentsKit.Authorization(await _kit.TokenAsync(number));

        PaymentsKit.Failed(await _kit.AuthorizeAsync(request), code, ErrorKind.PaymentRequired);

        var paymentId = await _kit.ScalarTextAsync("SELECT payment_id FROM payments_payments WHERE idempotency_key = @IdempotencyKey", request);
        var payment = await _kit.CurrentAsync(paymentId);
        payment.Status.ShouldBe(PaymentStatus.Failed);
        payment.FailureCode.ShouldBe(code);
        payment.CardLast4.ShouldBe(last4);
        (await _kit.ChargeOfAsync(paymentId)).ShouldBeNull();
        (await _kit.ChargesForTokenAsync(request.PaymentToken)).ShouldBe(0);

        // A retry with the same key answers the same decline without asking again.
        PaymentsKit.Failed(await _kit.AuthorizeAsync(request), code, ErrorKind.PaymentRequired);
    }

    [Fact]
    public async Task The_capture_timeout_card_authorizes_but_its_capture_never_happens()
    {
        var payment = await _kit.AuthorizedAsync(PaymentsKit.CaptureTimesOut, 900);
        var key = PaymentsKit.NewKey();

        PaymentsKit.Failed(await _kit.Payments.CaptureAsync(payment.PaymentId, key, CancellationToken.None), "gateway_unavailable", ErrorKind.Unavailable);
        PaymentsKit.Failed(await _kit.Payments.CaptureAsync(payment.PaymentId, key, CancellationToken.None), "gateway_unavailable", ErrorKind.Unavailable);

        (await _kit.CurrentAsync(payment.PaymentId)).Status.ShouldBe(PaymentStatus.Authorized);
        (await _kit.ChargeOfAsync(payment.PaymentId)).ShouldBe(new SandboxChargeRow(900, 900, 0, 0, 0));
        (await _kit.OperationsOfAsync(payment.PaymentId)).ShouldBe(0);

        // The hold can still be released.
        PaymentsKit.Ok(await _kit.Payments.VoidAsync(payment.PaymentId, PaymentsKit.NewKey(), CancellationToken.None)).Status.ShouldBe(PaymentStatus.Voided);
        (await _kit.ChargeOfAsync(payment.PaymentId))!.Voided.ShouldBe(1);
    }

    [Fact]
    public async Task A_token_is_single_use_another_payment_with_it_is_refused()
    {
        var token = await _kit.TokenAsync();
        var first = PaymentsKit.Ok(await _kit.AuthorizeAsync(PaymentsKit.Authorization(token)));

        var second = await _kit.AuthorizeAsync(PaymentsKit.Authorization(token));

        PaymentsKit.Failed(second, "payment_token_invalid", ErrorKind.Unprocessable);
        (await _kit.ChargesForTokenAsync(token)).ShouldBe(1);
        (await _kit.CurrentAsync(first.PaymentId)).Status.ShouldBe(PaymentStatus.Authorized);
    }

    [Fact]
    public async Task A_declined_card_uses_its_token_up_too()
    {
        var token = await _kit.TokenAsync(PaymentsKit.Declining);
        PaymentsKit.Failed(await _kit.AuthorizeAsync(PaymentsKit.Authorization(token)), "card_declined", ErrorKind.PaymentRequired);

        PaymentsKit.Failed(await _kit.AuthorizeAsync(PaymentsKit.Authorization(token)), "payment_token_invalid", ErrorKind.Unprocessable);
    }

    [Fact]
    public async Task An_unknown_token_is_refused_and_the_payment_recorded_as_failed()
    {
        var request = PaymentsKit.Authorization("tok_" + Guid.NewGuid().ToString("N"));

        PaymentsKit.Failed(await _kit.AuthorizeAsync(request), "payment_token_invalid", ErrorKind.Unprocessable);
        PaymentsKit.Failed(await _kit.AuthorizeAsync(request), "payment_token_invalid", ErrorKind.Unprocessable);
        (await _kit.ScalarAsync("SELECT COUNT(*) FROM payments_payments WHERE idempotency_key = @IdempotencyKey AND status = 'failed'", request)).ShouldBe(1);
    }

    [Theory]
    [InlineData("", 100, "EUR", "idempotencyKey")]
    [InlineData("k", 0, "EUR", "amount")]
    [InlineData("k", -1, "EUR", "amount")]
    [InlineData("k", 100, "eur", "currency")]
    [InlineData("k", 100, "EURO", "currency")]
    public async Task A_bad_request_is_a_validation_error_and_stores_nothing(string key, long amount, string currency, string field)
    {
        var before = await _kit.RowsAsync("payments_payments");
        var request = PaymentsKit.Authorization(await _kit.TokenAsync(), amount, key == "k" ? PaymentsKit.NewKey() : key, currency);

        var result = await _kit.AuthorizeAsync(request);

        PaymentsKit.Failed(result, "validation", ErrorKind.Validation);
        result.Error!.Fields!.Keys.ShouldBe([field]);
        (await _kit.RowsAsync("payments_payments")).ShouldBe(before);
        (await _kit.ChargesForTokenAsync(request.PaymentToken)).ShouldBe(0);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteTestCardTests(SqliteAppFixture fixture) : TestCardTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class PostgresTestCardTests(PostgresAppFixture fixture) : TestCardTests(fixture);
