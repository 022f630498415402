using System.Globalization;
using Emporium.Inventory.Adjusting;

namespace Emporium.Web.Components.Pages.Seller.Stock;

/// <summary>
/// A stock adjustment as posted. <see cref="IdempotencyKey"/> is made when the form is rendered, so
/// posting the same form twice (a double click, a resubmit after going back) adjusts once.
/// </summary>
public sealed class AdjustmentForm
{
    public string? SkuId { get; set; }

    public string? WarehouseId { get; set; }

    public string? Delta { get; set; }

    public string? Reason { get; set; }

    public string? IdempotencyKey { get; set; }

    public static AdjustmentForm Fresh(string? skuId) => new() { SkuId = skuId, IdempotencyKey = Guid.NewGuid().ToString("N") };

    /// <summary>The module's request; a change that is not a whole number goes through as missing, so the module reports it.</summary>
    internal AdjustmentRequest ToRequest() =>
        new(WarehouseId, long.TryParse(Delta?.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var delta) ? delta : null, Reason);
}
