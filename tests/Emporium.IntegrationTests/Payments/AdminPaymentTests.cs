using System.Net.Http.Json;
using System.Text.Json;
using Emporium.IntegrationTests.Infrastructure;

namespace Emporium.IntegrationTests.Payments;

/// <summary>The admin routes: a payment's view (never a token), and refunds with an Idempotency-Key.</summary>
public abstract class AdminPaymentTests(AppFixture fixture)
{
    private readonly PaymentsKit _kit = new(fixture.App);

    [Fact]
    public async Task An_admin_sees_status_amounts_and_card_but_never_the_token()
    {
        var admin = await TestUsers.AdminAsync(fixture.App);
        var token = await _kit.TokenAsync(PaymentsKit.Mastercard);
        var payment = PaymentsKit.Ok(await _kit.AuthorizeAsync(PaymentsKit.Authorization(token, 7_700, currency: "USD")));

        var body = await admin.Client.GetJsonAsync($"/api/admin/payments/{payment.PaymentId}");

        body.GetProperty("paymentId").GetString().ShouldBe(payment.PaymentId);
        body.GetProperty("reference").GetString().ShouldBe(payment.Reference);
        body.GetProperty("status").GetString().ShouldBe("authorized");
        body.GetProperty("amount").GetInt64().ShouldBe(7_700);
        body.GetProperty("currency").GetString().ShouldBe("USD");
        body.GetProperty("capturedAmount").GetInt64().ShouldBe(0);
        body.GetProperty("refundedAmount").GetInt64().ShouldBe(0);
        body.GetProperty("cardBrand").GetString().ShouldBe("mastercard");
        body.GetProperty("cardLast4").GetString().ShouldBe("4444");
        body.GetRawText().ShouldNotContain(token);
        body.GetRawText().ShouldNotContain("tok_");
    }

    [Fact]
    public async Task Only_admins_may_look_and_an_unknown_payment_is_404()
    {
        var payment = await _kit.AuthorizedAsync();
        var customer = await TestUsers.CustomerAsync(fixture.App);
        var admin = await TestUsers.AdminAsync(fixture.App);

        using (var anonymous = await _kit.Client.GetAsync($"/api/admin/payments/{payment.PaymentId}"))
        {
            ((int)anonymous.StatusCode).ShouldBe(401);
        }

        using (var forbidden = await customer.Client.GetAsync($"/api/admin/payments/{payment.PaymentId}"))
        {
            ((int)forbidden.StatusCode).ShouldBe(403);
        }

        (await admin.Client.GetJsonAsync("/api/admin/payments/pay_nothing", 404)).GetProperty("code").GetString().ShouldBe("payment_not_found");
    }

    [Fact]
    public async Task An_admin_refunds_part_then_the_rest_and_a_repeated_key_refunds_once()
    {
        var admin = await TestUsers.AdminAsync(fixture.App);
        var payment = await _kit.CapturedAsync(2_000);
        var key = PaymentsKit.NewKey();

        var partial = await RefundAsync(admin.Client, payment.PaymentId, new { amount = 500 }, key, 200);
        partial.GetProperty("status").GetString().ShouldBe("captured");
        partial.GetProperty("refundedAmount").GetInt64().ShouldBe(500);
        partial.GetProperty("refundableAmount").GetInt64().ShouldBe(1_500);
        (await RefundAsync(admin.Client, payment.PaymentId, new { amount = 500 }, key, 200)).GetProperty("refundedAmount").GetInt64().ShouldBe(500);
        (await RefundAsync(admin.Client, payment.PaymentId, new { amount = 400 }, key, 422)).GetProperty("code").GetString().ShouldBe("idempotency_key_reused");
        (await RefundAsync(admin.Client, payment.PaymentId, new { amount = 1_501 }, PaymentsKit.NewKey(), 422)).GetProperty("code").GetString().ShouldBe("refund_exceeds_captured");

        var full = await RefundAsync(admin.Client, payment.PaymentId, null, PaymentsKit.NewKey(), 200);

        full.GetProperty("status").GetString().ShouldBe("refunded");
        full.GetProperty("refundedAmount").GetInt64().ShouldBe(2_000);
        (await _kit.ChargeOfAsync(payment.PaymentId)).ShouldBe(new SandboxChargeRow(2_000, 2_000, 2_000, 2_000, 0));
    }

    [Fact]
    public async Task A_refund_needs_a_key_a_positive_amount_and_a_captured_payment()
    {
        var admin = await TestUsers.AdminAsync(fixture.App);
        var captured = await _kit.CapturedAsync();
        var authorized = await _kit.AuthorizedAsync();

        (await RefundAsync(admin.Client, captured.PaymentId, new { amount = 100 }, null, 400)).GetProperty("errors").TryGetProperty("Idempotency-Key", out _).ShouldBeTrue();
        (await RefundAsync(admin.Client, captured.PaymentId, new { amount = 0 }, PaymentsKit.NewKey(), 400)).GetProperty("errors").TryGetProperty("amount", out _).ShouldBeTrue();
        (await RefundAsync(admin.Client, authorized.PaymentId, new { amount = 100 }, PaymentsKit.NewKey(), 409)).GetProperty("code").GetString().ShouldBe("payment_not_captured");
        (await RefundAsync(admin.Client, "pay_nothing", new { amount = 100 }, PaymentsKit.NewKey(), 404)).GetProperty("code").GetString().ShouldBe("payment_not_found");

        var customer = await TestUsers.CustomerAsync(fixture.App);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/admin/payments/{captured.PaymentId}/refunds") { Content = JsonContent.Create(new { amount = 100 }) };
        request.Headers.Add("Idempotency-Key", PaymentsKit.NewKey());
        using var forbidden = await customer.Client.SendAsync(request);
        ((int)forbidden.StatusCode).ShouldBe(403);

        (await _kit.CurrentAsync(captured.PaymentId)).ShouldBe(captured);
        (await _kit.OperationsOfAsync(captured.PaymentId)).ShouldBe(1); // the capture only
    }

    private static async Task<JsonElement> RefundAsync(HttpClient client, string paymentId, object? body, string? key, int expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/admin/payments/{paymentId}/refunds");
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(expected, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteAdminPaymentTests(SqliteAppFixture fixture) : AdminPaymentTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class PostgresAdminPaymentTests(PostgresAppFixture fixture) : AdminPaymentTests(fixture);
