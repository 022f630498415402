using System.Text.Json;
using Emporium.BuildingBlocks.Results;
using Emporium.Cart.Model;
using Microsoft.AspNetCore.Http;

namespace Emporium.Cart.Items;

/// <summary>The request body as OpenAPI shows it: a whole number from 0 to the line maximum.</summary>
internal sealed record CartQuantityRequest(int Quantity);

/// <summary>
/// The body of <c>PUT /api/cart/items/{skuId}</c>, <c>{ "quantity": n }</c>, read by hand so that every
/// malformed shape (missing, fractional, a string, a huge number, not JSON at all) is the same clear
/// 400 problem naming <c>quantity</c>, rather than whatever the model binder would say.
/// </summary>
internal static class QuantityBody
{
    /// <summary>Far more than any valid body needs; a larger one is rejected unread.</summary>
    public const int MaxBytes = 1024;

    public static async Task<Result<int>> ReadAsync(HttpRequest request, int maxQuantity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var invalid = CartDecider.QuantityOutOfRange(maxQuantity);
        if (request.ContentLength > MaxBytes)
        {
            return invalid;
        }

        var body = await ReadCappedAsync(request.Body, cancellationToken);
        if (body is null || body.Length == 0)
        {
            return invalid;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return invalid;
            }

            var quantity = document.RootElement.EnumerateObject()
                .Where(p => string.Equals(p.Name, "quantity", StringComparison.OrdinalIgnoreCase))
                .Select(p => p.Value)
                .ToList();
            if (quantity is not [{ ValueKind: JsonValueKind.Number } value] || !value.TryGetInt32(out var n) || n < 0 || n > maxQuantity)
            {
                return invalid;
            }

            return n;
        }
        catch (JsonException)
        {
            return invalid;
        }
    }

    private static async Task<byte[]?> ReadCappedAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[256];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBytes)
            {
                return null;
            }
        }

        return buffer.ToArray();
    }
}
