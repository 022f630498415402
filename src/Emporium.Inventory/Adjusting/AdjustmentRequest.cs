using Emporium.BuildingBlocks.Results;
using Emporium.Inventory.Warehouses;

namespace Emporium.Inventory.Adjusting;

/// <summary>The body of <c>POST /api/inventory/{skuId}/adjustments</c>: a receipt (delta &gt; 0) or a correction.</summary>
internal sealed record AdjustmentRequest(string? WarehouseId, long? Delta, string? Reason);

/// <summary>An adjustment to make, checked: who asks, under which idempotency key, and what.</summary>
internal sealed record StockAdjustment(string SkuId, long WarehouseId, int Delta, string Reason, string Actor, string IdempotencyKey)
{
    public const int MaxDelta = 1_000_000;
    public const int MaxReasonLength = 200;
    public const int MaxKeyLength = 100;

    /// <summary>What a repeat with the same key must ask for again.</summary>
    public string Fingerprint => FormattableString.Invariant($"{SkuId}|{WarehouseId}|{Delta}|{Reason}");

    /// <summary>
    /// Checks the header and the body before anything is read or written. A warehouse id that cannot be
    /// an id is unknown (422), like one that could be but does not exist.
    /// </summary>
    public static Result<StockAdjustment> From(string skuId, string actor, string? idempotencyKey, AdjustmentRequest? request)
    {
        var errors = new ValidationErrors();
        var key = idempotencyKey?.Trim();
        if (string.IsNullOrEmpty(key) || key.Length > MaxKeyLength)
        {
            errors.Add("Idempotency-Key", $"The Idempotency-Key header is required: 1 to {MaxKeyLength} characters, unique per adjustment.");
        }

        if (request is null)
        {
            errors.Add("body", "A JSON object with warehouseId, delta and reason.");
            return errors.ToError();
        }

        if (string.IsNullOrWhiteSpace(request.WarehouseId))
        {
            errors.Add("warehouseId", "Required.");
        }

        if (request.Delta is not { } delta || delta == 0 || delta < -MaxDelta || delta > MaxDelta)
        {
            errors.Add("delta", $"A whole number of units, not 0, from -{MaxDelta} to {MaxDelta}.");
        }

        var reason = request.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > MaxReasonLength)
        {
            errors.Add("reason", $"Why the stock changes (a delivery, a count): 1 to {MaxReasonLength} characters.");
        }

        if (errors.Any)
        {
            return errors.ToError();
        }

        if (!Warehouse.TryParseId(request.WarehouseId, out var warehouseId))
        {
            return UnknownWarehouse(request.WarehouseId!);
        }

        return new StockAdjustment(skuId, warehouseId, (int)request.Delta!.Value, reason!, actor, key!);
    }

    public static Error UnknownWarehouse(string warehouseId) =>
        new(ErrorKind.Unprocessable, "unknown_warehouse", $"No warehouse '{warehouseId}'.");
}
