using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Emporium.BuildingBlocks.Results;
using Emporium.Contracts.Orders;

namespace Emporium.Orders.Placing;

/// <summary>A placing request that passed <see cref="PlaceOrderRules"/>, with the fingerprint a repeat must match.</summary>
internal sealed record ValidPlaceOrder(PlaceOrder Order, string Fingerprint);

/// <summary>
/// Checks a placing request before anything is read or written: ids present, one currency, and sums that
/// add up (line total = unit price × quantity, subtotal = Σ line totals, total = subtotal + shipping + tax),
/// so an order never stores figures that contradict each other.
/// </summary>
internal static class PlaceOrderRules
{
    public const int MaxIdLength = 100;
    public const int MaxLines = 200;
    public const int MaxQuantity = 10_000;
    public const int MaxTextLength = 300;

    // At least what the catalog lets a SKU carry (50 attributes, values up to 200 characters): an order
    // must accept every line a quote can price.
    public const int MaxAttributes = 50;
    public const int MaxAttributeValueLength = 200;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Result<ValidPlaceOrder> Validate(PlaceOrder? order)
    {
        var errors = new ValidationErrors();
        if (order is null)
        {
            errors.Add("request", "Required.");
            return errors.ToError();
        }

        Id(errors, "orderId", order.OrderId);
        Id(errors, "userId", order.UserId);
        Id(errors, "checkoutId", order.CheckoutId);
        Id(errors, "paymentId", order.PaymentId);
        Id(errors, "reservationId", order.ReservationId);
        if (order.Currency is not { Length: 3 } currency || !currency.All(char.IsAsciiLetterUpper))
        {
            errors.Add("currency", "An ISO 4217 code in capitals (USD).");
        }

        var subtotal = Lines(errors, order.Lines);
        if (order.Shipping < 0)
        {
            errors.Add("shipping", "Not negative.");
        }

        if (order.Tax < 0)
        {
            errors.Add("tax", "Not negative.");
        }

        if (subtotal is { } sum && order.Subtotal != sum)
        {
            errors.Add("subtotal", $"The sum of the line totals ({sum}).");
        }

        if (order.Subtotal >= 0 && order.Shipping >= 0 && order.Tax >= 0 && order.Total != order.Subtotal + order.Shipping + order.Tax)
        {
            errors.Add("total", "Subtotal + shipping + tax.");
        }

        Address(errors, order.ShippingAddress);
        return errors.Any ? errors.ToError() : new ValidPlaceOrder(order, Fingerprint(order));
    }

    /// <summary>Checks the lines; their subtotal when every line is sound.</summary>
    private static long? Lines(ValidationErrors errors, IReadOnlyList<OrderLineInput>? lines)
    {
        if (lines is null || lines.Count == 0 || lines.Count > MaxLines)
        {
            errors.Add("lines", $"From 1 to {MaxLines} lines.");
            return null;
        }

        long? subtotal = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            if (!Line(errors, $"lines[{i}]", lines[i]))
            {
                subtotal = null;
            }
            else if (subtotal is { } sum)
            {
                subtotal = sum > long.MaxValue - lines[i].LineTotal ? null : sum + lines[i].LineTotal;
            }
        }

        return subtotal;
    }

    /// <summary>Checks one line; true when it is sound.</summary>
    private static bool Line(ValidationErrors errors, string field, OrderLineInput? line)
    {
        if (line is null)
        {
            errors.Add(field, "Required.");
            return false;
        }

        var sound = Id(errors, field + ".skuId", line.SkuId)
            & Id(errors, field + ".productId", line.ProductId)
            & Id(errors, field + ".sellerId", line.SellerId)
            & Text(errors, field + ".title", line.Title, required: true);
        if (line.Attributes is null || line.Attributes.Count > MaxAttributes
            || line.Attributes.Any(a => string.IsNullOrWhiteSpace(a.Key) || a.Key.Length > MaxIdLength || a.Value is null || a.Value.Length > MaxAttributeValueLength))
        {
            errors.Add(field + ".attributes", $"At most {MaxAttributes} names (up to {MaxIdLength} characters) with values (up to {MaxAttributeValueLength}).");
            sound = false;
        }

        if (line.Quantity is < 1 or > MaxQuantity)
        {
            errors.Add(field + ".quantity", $"From 1 to {MaxQuantity}.");
            return false;
        }

        if (line.UnitPrice < 0 || line.UnitPrice > long.MaxValue / line.Quantity)
        {
            errors.Add(field + ".unitPrice", "Not negative, in minor units.");
            return false;
        }

        if (line.LineTotal != line.UnitPrice * line.Quantity)
        {
            errors.Add(field + ".lineTotal", "Unit price × quantity.");
            return false;
        }

        return sound;
    }

    private static void Address(ValidationErrors errors, ShippingAddress? address)
    {
        if (address is null)
        {
            errors.Add("shippingAddress", "Required.");
            return;
        }

        Text(errors, "shippingAddress.name", address.Name, required: true);
        Text(errors, "shippingAddress.line1", address.Line1, required: true);
        Text(errors, "shippingAddress.line2", address.Line2, required: false);
        Text(errors, "shippingAddress.city", address.City, required: true);
        Text(errors, "shippingAddress.region", address.Region, required: false);
        Text(errors, "shippingAddress.postalCode", address.PostalCode, required: true);
        Text(errors, "shippingAddress.phone", address.Phone, required: false);
        if (address.Country is not { Length: 2 } country || !country.All(char.IsAsciiLetterUpper))
        {
            errors.Add("shippingAddress.country", "An ISO 3166-1 alpha-2 code in capitals (GB).");
        }
    }

    private static bool Id(ValidationErrors errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > MaxIdLength)
        {
            errors.Add(field, $"Required: 1 to {MaxIdLength} characters.");
            return false;
        }

        return true;
    }

    private static bool Text(ValidationErrors errors, string field, string? value, bool required)
    {
        if ((required && string.IsNullOrWhiteSpace(value)) || value?.Length > MaxTextLength)
        {
            errors.Add(field, required ? $"Required: 1 to {MaxTextLength} characters." : $"At most {MaxTextLength} characters.");
            return false;
        }

        return true;
    }

    /// <summary>
    /// What a repeat of this placing must ask for again: a hash of the whole request, attributes in name
    /// order so that two equal requests hash alike however their dictionaries were built.
    /// </summary>
    private static string Fingerprint(PlaceOrder order)
    {
        var canonical = order with
        {
            Lines = order.Lines.Select(l => l with { Attributes = new SortedDictionary<string, string>(l.Attributes.ToDictionary(), StringComparer.Ordinal) }).ToList(),
        };
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(canonical, Json))));
    }
}
