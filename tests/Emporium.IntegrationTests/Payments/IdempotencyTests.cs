using Emporium.BuildingBlocks.Results;
using Emporium.Contracts.Payments;
using Emporium.IntegrationTests.Infrastructure;

namespace Emporium.IntegrationTests.Payments;

/// <summary>Same key, one effect: repeats replay, another request under a key is 422, concurrent duplicates charge once.</summary>
public abstract class IdempotencyTests(AppFixture fixture)
{
    private readonly PaymentsKit _kit = new(fixture.App);

    [Fact]
    public async Task An_authorization_repeated_with_its_key_replays_the_same_payment_with_one_charge()
    {
        var request = PaymentsKit.Authorization(await _kit.TokenAsync(), 1_200);

        var first = PaymentsKit.Ok(await _kit.AuthorizeAsync(request));
        var again = PaymentsKit.Ok(await _kit.AuthorizeAsync(request));

        again.ShouldBe(first);
        (await _kit.ChargesForTokenAsync(request.PaymentToken)).ShouldBe(1);
        (await _kit.ScalarAsync("SELECT COUNT(*) FROM payments_payments WHERE idempotency_key = @IdempotencyKey", request)).ShouldBe(1);
    }

    [Fact]
    public async Task Another_request_under_a_used_key_is_a_422_and_changes_nothing()
    {
        var request = PaymentsKit.Authorization(await _kit.TokenAsync(), 1_200);
        var first = PaymentsKit.Ok(await _kit.AuthorizeAsync(request));
        var otherToken = await _kit.TokenAsync();

        PaymentsKit.Failed(await _kit.AuthorizeAsync(request with { Amount = 1_300 }), "idempotency_key_reused", ErrorKind.Unprocessable);
        PaymentsKit.Failed(await _kit.AuthorizeAsync(request with { PaymentToken = otherToken }), "idempotency_key_reused", ErrorKind.Unprocessable);
        PaymentsKit.Failed(await _kit.AuthorizeAsync(request with { Reference = "checkout:other" }), "idempotency_key_reused", ErrorKind.Unprocessable);

        (await _kit.CurrentAsync(first.PaymentId)).ShouldBe(first);
        (await _kit.ChargesForTokenAsync(otherToken)).ShouldBe(0);
        (await _kit.AuthorizeAsync(PaymentsKit.Authorization(otherToken))).IsSuccess.ShouldBeTrue("the other token was not used up");
    }

    [Fact]
    public async Task Ten_concurrent_authorizations_with_one_key_make_one_payment_and_one_charge()
    {
        var request = PaymentsKit.Authorization(await _kit.TokenAsync(), 5_000);

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => _kit.AuthorizeAsync(request))));

        var payments = results.Select(PaymentsKit.Ok).ToList();
        payments.Select(p => p.PaymentId).Distinct().Count().ShouldBe(1);
        payments.ShouldAllBe(p => p.Status == PaymentStatus.Authorized && p.Amount == 5_000);
        (await _kit.ChargesForTokenAsync(request.PaymentToken)).ShouldBe(1);
        (await _kit.ScalarAsync("SELECT COUNT(*) FROM payments_sandbox_requests WHERE idempotency_key = @key", new { key = "authorize:" + request.IdempotencyKey })).ShouldBe(1);
    }

    [Fact]
    public async Task Ten_concurrent_captures_and_refunds_with_one_key_each_happen_once()
    {
        var payment = await _kit.AuthorizedAsync(amount: 3_000);
        var captureKey = PaymentsKit.NewKey();
        var captures = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => _kit.Payments.CaptureAsync(payment.PaymentId, captureKey, CancellationToken.None))));
        captures.Select(PaymentsKit.Ok).ShouldAllBe(p => p.Status == PaymentStatus.Captured);

        var refundKey = PaymentsKit.NewKey();
        var refunds = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => _kit.Payments.RefundAsync(payment.PaymentId, 1_000, refundKey, CancellationToken.None))));
        refunds.Select(PaymentsKit.Ok).ShouldAllBe(p => p.RefundedAmount == 1_000);

        (await _kit.ChargeOfAsync(payment.PaymentId)).ShouldBe(new SandboxChargeRow(3_000, 3_000, 3_000, 1_000, 0));
        (await _kit.OperationsOfAsync(payment.PaymentId)).ShouldBe(2);
    }

    [Fact]
    public async Task An_operation_key_replays_for_the_same_operation_and_is_refused_for_another()
    {
        var payment = await _kit.AuthorizedAsync(amount: 2_000);
        var captureKey = PaymentsKit.NewKey();
        PaymentsKit.Ok(await _kit.Payments.CaptureAsync(payment.PaymentId, captureKey, CancellationToken.None));
        var refundKey = PaymentsKit.NewKey();
        PaymentsKit.Ok(await _kit.Payments.RefundAsync(payment.PaymentId, 500, refundKey, CancellationToken.None));

        // The same refund again, with or without its amount: the payment as it is now, no second refund.
        PaymentsKit.Ok(await _kit.Payments.RefundAsync(payment.PaymentId, 500, refundKey, CancellationToken.None)).RefundedAmount.ShouldBe(500);
        PaymentsKit.Ok(await _kit.Payments.RefundAsync(payment.PaymentId, null, refundKey, CancellationToken.None)).RefundedAmount.ShouldBe(500);

        // The key for another amount, another operation, or another payment.
        PaymentsKit.Failed(await _kit.Payments.RefundAsync(payment.PaymentId, 600, refundKey, CancellationToken.None), "idempotency_key_reused", ErrorKind.Unprocessable);
        PaymentsKit.Failed(await _kit.Payments.RefundAsync(payment.PaymentId, 100, captureKey, CancellationToken.None), "idempotency_key_reused", ErrorKind.Unprocessable);
        var other = await _kit.AuthorizedAsync();
        PaymentsKit.Failed(await _kit.Payments.CaptureAsync(other.PaymentId, captureKey, CancellationToken.None), "idempotency_key_reused", ErrorKind.Unprocessable);

        (await _kit.CurrentAsync(other.PaymentId)).Status.ShouldBe(PaymentStatus.Authorized);
        (await _kit.ChargeOfAsync(payment.PaymentId)).ShouldBe(new SandboxChargeRow(2_000, 2_000, 2_000, 500, 0));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteIdempotencyTests(SqliteAppFixture fixture) : IdempotencyTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class PostgresIdempotencyTests(PostgresAppFixture fixture) : IdempotencyTests(fixture);
