using System.Net.Http.Json;
using Dapper;
using Emporium.BuildingBlocks.Persistence;
using Emporium.BuildingBlocks.Results;
using Emporium.Contracts.Payments;
using Emporium.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Emporium.IntegrationTests.Payments;

/// <summary>A charge as the sandbox gateway holds it.</summary>
internal sealed record SandboxChargeRow(long Amount, long AuthorizedAmount, long CapturedAmount, long RefundedAmount, long Voided);

/// <summary>Payments as tests use them: cards tokenized over HTTP, payments through <see cref="IPayments"/>, tables read directly.</summary>
internal sealed class PaymentsKit(IServiceProvider services, HttpClient client)
{
    public const string Visa = "4242424242424242";
    public const string Mastercard = "5555555555554444";
    public const string Declining = "4000000000000002";
    public const string NoFunds = "4000000000009995";
    public const string CaptureTimesOut = "4000000000000259";

    public PaymentsKit(EmporiumApp app)
        : this(app.Services, app.CreateClient())
    {
    }

    public IPayments Payments => services.GetRequiredService<IPayments>();

    public HttpClient Client => client;

    public static object Card(string number = Visa, int expMonth = 12, int? expYear = null, string cvc = "123") =>
        new { number, expMonth, expYear = expYear ?? DateTime.UtcNow.Year + 3, cvc };

    public Task<HttpResponseMessage> TokenizeAsync(object card) => client.PostAsJsonAsync("/api/payments/tokens", card);

    /// <summary>A fresh single-use token for a test card.</summary>
    public async Task<string> TokenAsync(string number = Visa, string cvc = "123")
    {
        using var response = await TokenizeAsync(Card(number, cvc: cvc));
        var body = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(201, body);
        return (await response.ReadJsonAsync()).GetProperty("token").GetString()!;
    }

    public static AuthorizePayment Authorization(string token, long amount = 2_500, string? key = null, string currency = "EUR", string? reference = null) =>
        new(key ?? "pay-" + Guid.NewGuid().ToString("N"), reference ?? "checkout:" + Guid.NewGuid().ToString("N"), "user-test", token, amount, currency);

    public Task<Result<PaymentSnapshot>> AuthorizeAsync(AuthorizePayment request) => Payments.AuthorizeAsync(request, CancellationToken.None);

    /// <summary>Tokenizes <paramref name="number"/> and authorizes <paramref name="amount"/>; expects success.</summary>
    public async Task<PaymentSnapshot> AuthorizedAsync(string number = Visa, long amount = 2_500)
    {
        var result = await AuthorizeAsync(Authorization(await TokenAsync(number), amount));
        result.IsSuccess.ShouldBeTrue(result.Error?.Code);
        return result.Value;
    }

    public async Task<PaymentSnapshot> CapturedAsync(long amount = 2_500)
    {
        var authorized = await AuthorizedAsync(amount: amount);
        return Ok(await Payments.CaptureAsync(authorized.PaymentId, NewKey(), CancellationToken.None));
    }

    public async Task<PaymentSnapshot> CurrentAsync(string paymentId) => Ok(await Payments.GetAsync(paymentId, CancellationToken.None));

    public static string NewKey() => "op-" + Guid.NewGuid().ToString("N");

    public static PaymentSnapshot Ok(Result<PaymentSnapshot> result)
    {
        result.IsSuccess.ShouldBeTrue(result.Error is null ? null : $"{result.Error.Code}: {result.Error.Message}");
        return result.Value;
    }

    public static void Failed(Result<PaymentSnapshot> result, string code, ErrorKind kind)
    {
        result.IsSuccess.ShouldBeFalse();
        result.Error!.Code.ShouldBe(code, result.Error.Message);
        result.Error.Kind.ShouldBe(kind);
    }

    public async Task<SandboxChargeRow?> ChargeOfAsync(string paymentId)
    {
        await using var connection = await Database.OpenAsync();
        var rows = (await connection.QueryAsync<ChargeColumns>(
            """
            SELECT c.amount AS Amount, c.authorized_amount AS AuthorizedAmount, c.captured_amount AS CapturedAmount,
                   c.refunded_amount AS RefundedAmount, CAST(CASE WHEN c.voided THEN 1 ELSE 0 END AS BIGINT) AS Voided
            FROM payments_payments p JOIN payments_sandbox_charges c ON c.gateway_ref = p.gateway_ref
            WHERE p.payment_id = @paymentId
            """,
            new { paymentId })).ToList();
        return rows is [var row] ? new SandboxChargeRow(row.Amount, row.AuthorizedAmount, row.CapturedAmount, row.RefundedAmount, row.Voided) : null;
    }

    public async Task<long> ChargesForTokenAsync(string token) =>
        await ScalarAsync("SELECT COUNT(*) FROM payments_sandbox_charges WHERE token = @token", new { token });

    public async Task<long> OperationsOfAsync(string paymentId) =>
        await ScalarAsync("SELECT COUNT(*) FROM payments_operations WHERE payment_id = @paymentId", new { paymentId });

    public async Task<long> RowsAsync(string table) => await ScalarAsync($"SELECT COUNT(*) FROM {table}", null);

    public async Task<long> ScalarAsync(string sql, object? parameters)
    {
        await using var connection = await Database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql, parameters);
    }

    public async Task<string> ScalarTextAsync(string sql, object? parameters)
    {
        await using var connection = await Database.OpenAsync();
        return (await connection.ExecuteScalarAsync<string>(sql, parameters))!;
    }

    public Database Database => services.GetRequiredService<Database>();

    // A class, not the record: SQLite types the columns of an empty result as blobs, which no constructor matches.
    private sealed class ChargeColumns
    {
        public long Amount { get; init; }

        public long AuthorizedAmount { get; init; }

        public long CapturedAmount { get; init; }

        public long RefundedAmount { get; init; }

        public long Voided { get; init; }
    }
}
