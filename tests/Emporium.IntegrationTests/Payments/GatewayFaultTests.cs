using System.Diagnostics;
using Emporium.BuildingBlocks.Results;
using Emporium.Contracts.Payments;

namespace Emporium.IntegrationTests.Payments;

/// <summary>
/// The gateway timing out before a call takes effect, or losing the reply after it did: the payment
/// stays as it was (503), and a retry with the same key finishes it with exactly one effect.
/// </summary>
public abstract class GatewayFaultTests
{
    private readonly FaultyGatewayApp _app;
    private readonly PaymentsKit _kit;

    protected GatewayFaultTests(FaultyGatewayApp app)
    {
        _app = app;
        _kit = app.Kit;
        app.NoFaults();
    }

    private IPayments Payments => _kit.Payments;

    [Fact]
    public async Task A_timeout_before_the_authorization_changes_nothing_and_a_retry_succeeds()
    {
        var request = PaymentsKit.Authorization(await _kit.TokenAsync(), 1_100);
        _app.Sandbox.TimeoutRate = 1;

        PaymentsKit.Failed(await _kit.AuthorizeAsync(request), "gateway_unavailable", ErrorKind.Unavailable);
        PaymentsKit.Failed(await _kit.AuthorizeAsync(request), "gateway_unavailable", ErrorKind.Unavailable);

        var paymentId = await _kit.ScalarTextAsync("SELECT payment_id FROM payments_payments WHERE idempotency_key = @IdempotencyKey", request);
        (await _kit.CurrentAsync(paymentId)).Status.ShouldBe(PaymentStatus.Pending);
        (await _kit.ChargesForTokenAsync(request.PaymentToken)).ShouldBe(0);
        (await _kit.ScalarAsync("SELECT COUNT(*) FROM payments_sandbox_tokens WHERE token = @PaymentToken AND used_by_key IS NULL", request)).ShouldBe(1);

        _app.Sandbox.TimeoutRate = 0;
        var payment = PaymentsKit.Ok(await _kit.AuthorizeAsync(request));

        payment.PaymentId.ShouldBe(paymentId);
        payment.Status.ShouldBe(PaymentStatus.Authorized);
        (await _kit.ChargesForTokenAsync(request.PaymentToken)).ShouldBe(1);
    }

    [Fact]
    public async Task A_lost_reply_leaves_the_payment_pending_and_the_retry_finds_the_one_charge()
    {
        var request = PaymentsKit.Authorization(await _kit.TokenAsync(), 1_200);
        _app.Sandbox.LostReplyRate = 1;

        PaymentsKit.Failed(await _kit.AuthorizeAsync(request), "gateway_unavailable", ErrorKind.Unavailable);

        // The gateway did authorize: a naive retry under a new key would hold the money twice.
        (await _kit.ChargesForTokenAsync(request.PaymentToken)).ShouldBe(1);
        var paymentId = await _kit.ScalarTextAsync("SELECT payment_id FROM payments_payments WHERE idempotency_key = @IdempotencyKey", request);
        (await _kit.CurrentAsync(paymentId)).Status.ShouldBe(PaymentStatus.Pending);

        _app.Sandbox.LostReplyRate = 0;
        var payment = PaymentsKit.Ok(await _kit.AuthorizeAsync(request));

        payment.Status.ShouldBe(PaymentStatus.Authorized);
        (await _kit.ChargesForTokenAsync(request.PaymentToken)).ShouldBe(1);
        (await _kit.ChargeOfAsync(payment.PaymentId)).ShouldBe(new SandboxChargeRow(1_200, 1_200, 0, 0, 0));
    }

    [Fact]
    public async Task Timeouts_on_capture_void_and_refund_change_nothing_on_either_side()
    {
        var authorized = await _kit.AuthorizedAsync(amount: 800);
        var captured = await _kit.CapturedAsync(900);
        _app.Sandbox.TimeoutRate = 1;

        PaymentsKit.Failed(await Payments.CaptureAsync(authorized.PaymentId, PaymentsKit.NewKey(), CancellationToken.None), "gateway_unavailable", ErrorKind.Unavailable);
        PaymentsKit.Failed(await Payments.VoidAsync(authorized.PaymentId, PaymentsKit.NewKey(), CancellationToken.None), "gateway_unavailable", ErrorKind.Unavailable);
        PaymentsKit.Failed(await Payments.RefundAsync(captured.PaymentId, 100, PaymentsKit.NewKey(), CancellationToken.None), "gateway_unavailable", ErrorKind.Unavailable);

        (await _kit.CurrentAsync(authorized.PaymentId)).ShouldBe(authorized);
        (await _kit.CurrentAsync(captured.PaymentId)).ShouldBe(captured);
        (await _kit.ChargeOfAsync(authorized.PaymentId)).ShouldBe(new SandboxChargeRow(800, 800, 0, 0, 0));
        (await _kit.ChargeOfAsync(captured.PaymentId)).ShouldBe(new SandboxChargeRow(900, 900, 900, 0, 0));
        (await _kit.OperationsOfAsync(authorized.PaymentId)).ShouldBe(0);
        (await _kit.OperationsOfAsync(captured.PaymentId)).ShouldBe(1);
    }

    [Fact]
    public async Task Lost_replies_on_capture_and_refund_are_found_by_the_retry_and_happen_once()
    {
        var payment = await _kit.AuthorizedAsync(amount: 2_000);
        var captureKey = PaymentsKit.NewKey();
        var refundKey = PaymentsKit.NewKey();

        _app.Sandbox.LostReplyRate = 1;
        PaymentsKit.Failed(await Payments.CaptureAsync(payment.PaymentId, captureKey, CancellationToken.None), "gateway_unavailable", ErrorKind.Unavailable);
        (await _kit.CurrentAsync(payment.PaymentId)).Status.ShouldBe(PaymentStatus.Authorized);
        (await _kit.ChargeOfAsync(payment.PaymentId))!.CapturedAmount.ShouldBe(2_000);

        _app.Sandbox.LostReplyRate = 0;
        PaymentsKit.Ok(await Payments.CaptureAsync(payment.PaymentId, captureKey, CancellationToken.None)).Status.ShouldBe(PaymentStatus.Captured);

        _app.Sandbox.LostReplyRate = 1;
        PaymentsKit.Failed(await Payments.RefundAsync(payment.PaymentId, 700, refundKey, CancellationToken.None), "gateway_unavailable", ErrorKind.Unavailable);
        (await _kit.CurrentAsync(payment.PaymentId)).RefundedAmount.ShouldBe(0);

        _app.Sandbox.LostReplyRate = 0;
        PaymentsKit.Ok(await Payments.RefundAsync(payment.PaymentId, 700, refundKey, CancellationToken.None)).RefundedAmount.ShouldBe(700);

        (await _kit.ChargeOfAsync(payment.PaymentId)).ShouldBe(new SandboxChargeRow(2_000, 2_000, 2_000, 700, 0));
        (await _kit.OperationsOfAsync(payment.PaymentId)).ShouldBe(2);
    }

    [Fact]
    public async Task Under_random_faults_retrying_with_the_same_keys_ends_with_exactly_one_effect_each()
    {
        var payments = new List<(AuthorizePayment Request, string CaptureKey)>();
        for (var i = 0; i < 8; i++)
        {
            payments.Add((PaymentsKit.Authorization(await _kit.TokenAsync(), 1_000 + i), PaymentsKit.NewKey()));
        }

        _app.Sandbox.TimeoutRate = 0.3;
        _app.Sandbox.LostReplyRate = 0.3;
        foreach (var (request, captureKey) in payments)
        {
            var authorized = await RetryAsync(() => _kit.AuthorizeAsync(request));
            await RetryAsync(() => Payments.CaptureAsync(authorized.PaymentId, captureKey, CancellationToken.None));
            await RetryAsync(() => Payments.RefundAsync(authorized.PaymentId, 400, captureKey + ":refund", CancellationToken.None));
        }

        _app.Sandbox.TimeoutRate = 0;
        _app.Sandbox.LostReplyRate = 0;
        foreach (var (request, _) in payments)
        {
            (await _kit.ChargesForTokenAsync(request.PaymentToken)).ShouldBe(1);
            var payment = PaymentsKit.Ok(await _kit.AuthorizeAsync(request));
            payment.Status.ShouldBe(PaymentStatus.Captured);
            payment.RefundedAmount.ShouldBe(400);
            (await _kit.ChargeOfAsync(payment.PaymentId)).ShouldBe(new SandboxChargeRow(request.Amount, request.Amount, request.Amount, 400, 0));
        }
    }

    [Fact]
    public async Task Ten_concurrent_authorizations_with_one_key_wait_for_each_other_and_ask_the_slow_gateway_once()
    {
        var request = PaymentsKit.Authorization(await _kit.TokenAsync(), 6_000);
        _app.Sandbox.LatencyMs = 150;

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => _kit.AuthorizeAsync(request))));

        results.Select(PaymentsKit.Ok).Select(p => (p.PaymentId, p.Status)).Distinct().Count().ShouldBe(1);
        _app.Gateway.AuthorizationsWith("authorize:" + request.IdempotencyKey).ShouldBe(1);
        (await _kit.ChargesForTokenAsync(request.PaymentToken)).ShouldBe(1);
    }

    [Fact]
    public async Task A_token_lasts_an_hour()
    {
        var fresh = await _kit.TokenAsync();
        var stale = await _kit.TokenAsync();
        _app.Clock.Advance(TimeSpan.FromMinutes(59));
        PaymentsKit.Ok(await _kit.AuthorizeAsync(PaymentsKit.Authorization(fresh)));

        _app.Clock.Advance(TimeSpan.FromMinutes(1));

        PaymentsKit.Failed(await _kit.AuthorizeAsync(PaymentsKit.Authorization(stale)), "payment_token_invalid", ErrorKind.Unprocessable);
        (await _kit.ChargesForTokenAsync(stale)).ShouldBe(0);
    }

    [Fact]
    public async Task Latency_is_added_to_every_gateway_call()
    {
        var token = await _kit.TokenAsync();
        _app.Sandbox.LatencyMs = 300;
        var watch = Stopwatch.StartNew();

        var payment = PaymentsKit.Ok(await _kit.AuthorizeAsync(PaymentsKit.Authorization(token)));
        PaymentsKit.Ok(await Payments.VoidAsync(payment.PaymentId, PaymentsKit.NewKey(), CancellationToken.None));

        watch.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(590));
    }

    [Fact]
    public async Task A_cancelled_order_whose_void_times_out_is_voided_once_the_gateway_is_back()
    {
        var payment = await _kit.AuthorizedAsync();
        var cancelled = PaymentsEvents.Cancelled(payment.PaymentId);
        _app.Sandbox.TimeoutRate = 1;

        await PaymentsEvents.PublishAsync(_app.App.Services, cancelled);
        await PaymentsEvents.EventuallyAsync(async () => (await PaymentsEvents.RequestAsync(_app.App.Services, cancelled.OrderId))?.Attempts >= 1);

        (await _kit.CurrentAsync(payment.PaymentId)).Status.ShouldBe(PaymentStatus.Authorized);
        (await PaymentsEvents.RequestAsync(_app.App.Services, cancelled.OrderId))!.Value.Outcome.ShouldBeNull();

        _app.Sandbox.TimeoutRate = 0;
        _app.Clock.Advance(TimeSpan.FromMinutes(5)); // past the retry's back-off

        await PaymentsEvents.EventuallyAsync(async () => (await _kit.CurrentAsync(payment.PaymentId)).Status == PaymentStatus.Voided);
        await PaymentsEvents.EventuallyAsync(async () => (await PaymentsEvents.RequestAsync(_app.App.Services, cancelled.OrderId))?.Outcome == "voided");
        (await _kit.ChargeOfAsync(payment.PaymentId))!.Voided.ShouldBe(1);
    }

    /// <summary>Retries with the same arguments (so the same keys) until the gateway answers; fails on anything but a timeout.</summary>
    private static async Task<PaymentSnapshot> RetryAsync(Func<Task<Result<PaymentSnapshot>>> call)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var result = await call();
            if (result.IsSuccess)
            {
                return result.Value;
            }

            result.Error!.Code.ShouldBe("gateway_unavailable");
        }

        throw new InvalidOperationException("The gateway never answered.");
    }
}

public sealed class SqliteGatewayFaultTests(SqliteFaultyGatewayApp app) : GatewayFaultTests(app), IClassFixture<SqliteFaultyGatewayApp>;

public sealed class PostgresGatewayFaultTests(PostgresFaultyGatewayApp app) : GatewayFaultTests(app), IClassFixture<PostgresFaultyGatewayApp>;
