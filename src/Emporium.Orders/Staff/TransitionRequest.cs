using Emporium.BuildingBlocks.Results;
using Emporium.Orders.Model;
using Emporium.Orders.Placing;

namespace Emporium.Orders.Staff;

/// <summary>The body of <c>POST /api/admin/orders/{orderId}/transitions</c>.</summary>
internal sealed record TransitionRequest(string? To, string? Carrier, string? TrackingNumber, string? Reason);

/// <summary>
/// Reads a staff transition into a command, or says what is wrong with it. Carrier and tracking number
/// belong to <c>shipped</c>, a reason to <c>refunded</c> (where it is required); elsewhere they are refused
/// rather than silently dropped.
/// </summary>
internal static class TransitionRules
{
    public const int MaxShippingTextLength = 100;

    /// <summary>The statuses staff may move an order to (paying and cancelling are checkout's and the buyer's).</summary>
    public static readonly IReadOnlyList<string> Targets = ["packed", "shipped", "delivered", "completed", "refunded"];

    public static Result<OrderCommand> Parse(TransitionRequest? request, string actor)
    {
        var errors = new ValidationErrors();
        if (request is null)
        {
            errors.Add("body", "A JSON object with to, and carrier, trackingNumber or reason where they apply.");
            return errors.ToError();
        }

        var to = request.To?.Trim();
        if (to is null || !Targets.Contains(to))
        {
            errors.Add("to", $"One of: {string.Join(", ", Targets)}.");
        }

        var shipped = to == "shipped";
        ShippingText(errors, "carrier", request.Carrier, shipped);
        ShippingText(errors, "trackingNumber", request.TrackingNumber, shipped);
        if (to == "refunded")
        {
            OrderPlacement.CheckReason(errors, request.Reason, required: true);
        }
        else if (request.Reason is not null)
        {
            errors.Add("reason", "Only a refund records a reason.");
        }

        if (errors.Any)
        {
            return errors.ToError();
        }

        return to switch
        {
            "packed" => new OrderCommand.Pack(actor),
            "shipped" => new OrderCommand.Ship(Blank(request.Carrier), Blank(request.TrackingNumber), actor),
            "delivered" => new OrderCommand.Deliver(actor),
            "completed" => new OrderCommand.Complete(actor),
            _ => new OrderCommand.Refund(request.Reason!.Trim(), actor),
        };
    }

    private static void ShippingText(ValidationErrors errors, string field, string? value, bool shipped)
    {
        if (value is null)
        {
            return;
        }

        if (!shipped)
        {
            errors.Add(field, "Only a shipment has a carrier and a tracking number.");
        }
        else if (value.Trim().Length > MaxShippingTextLength)
        {
            errors.Add(field, $"At most {MaxShippingTextLength} characters.");
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
