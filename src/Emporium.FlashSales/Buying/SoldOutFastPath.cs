using System.Globalization;
using System.Text;
using Emporium.BuildingBlocks.Http;
using Microsoft.AspNetCore.Http;

namespace Emporium.FlashSales.Buying;

/// <summary>
/// Answers purchase attempts on a sale that can sell nothing more — its gate is loaded and empty, or the
/// sale has ended — with 410 before authentication, rate limiting or any storage: after the sell-out almost
/// every request is one of these, and each must cost about as little as a health probe. Everything else
/// (including any sale whose gate is not loaded yet) goes on down the pipeline untouched.
/// </summary>
/// <remarks>
/// The answer is the one the purchase route gives (<c>sold_out</c> or <c>sale_ended</c>) from bytes
/// serialised once. A sold-out sale can come back to life (an unpaid claim expires and returns its unit):
/// the check is made on every request, so the next attempt after that reaches the route.
/// </remarks>
internal sealed class SoldOutFastPath(RequestDelegate next, IStockGate gate, TimeProvider clock)
{
    private const string Prefix = "/api/flash-sales/";
    private const string Suffix = "/purchase";
    private const string ContentType = "application/problem+json";

    private static readonly byte[] SoldOutBody = Body(BuyingErrors.SoldOut.Code, BuyingErrors.SoldOut.Message);
    private static readonly byte[] EndedBody = Body(BuyingErrors.Ended.Code, BuyingErrors.Ended.Message);

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method) || !TrySaleId(request.Path.Value, out var saleId) || gate.Loaded(saleId) is not { } sale)
        {
            return next(context);
        }

        var body = sale.PhaseAt(clock.GetUtcNow()) switch
        {
            SalePhase.SoldOut => SoldOutBody,
            SalePhase.Ended => EndedBody,
            _ => null,
        };
        if (body is null)
        {
            return next(context);
        }

        var response = context.Response;
        response.StatusCode = StatusCodes.Status410Gone;
        response.ContentType = ContentType;
        response.ContentLength = body.Length;
        var write = response.Body.WriteAsync(body.AsMemory(), context.RequestAborted);
        return write.IsCompletedSuccessfully ? Task.CompletedTask : write.AsTask();
    }

    /// <summary>The id in <c>/api/flash-sales/{id}/purchase</c> (the route matches paths case-insensitively, so does this).</summary>
    internal static bool TrySaleId(string? path, out long saleId)
    {
        saleId = 0;
        if (path is null || path.Length <= Prefix.Length + Suffix.Length
            || !path.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
            || !path.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var id = path.AsSpan(Prefix.Length, path.Length - Prefix.Length - Suffix.Length);
        return long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out saleId) && saleId > 0;
    }

    private static byte[] Body(string code, string detail) => Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["type"] = Problems.TypeBase + code,
        ["title"] = "Gone",
        ["status"] = StatusCodes.Status410Gone,
        ["detail"] = detail,
        ["code"] = code,
    }));
}
