using System.Globalization;
using System.Security.Claims;
using Emporium.BuildingBlocks.Http;
using Emporium.BuildingBlocks.Results;
using Emporium.BuildingBlocks.Security;
using Emporium.Contracts.Catalog;
using Emporium.Inventory.Viewing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Emporium.Inventory.Adjusting;

internal sealed record AdjustmentView(string MovementId, string SkuId, string WarehouseId, int Delta, string Reason, int OnHand, int Reserved, int Available);

/// <summary>
/// <c>POST /api/inventory/{skuId}/adjustments</c> with an <c>Idempotency-Key</c> header: a receipt or a
/// correction by the SKU's seller or an admin. The same key and body answer the same result (marked
/// <c>Idempotent-Replayed: true</c>) without a second movement; the same key with another body is 422.
/// Input is checked before anything is read; a refusal changes nothing.
/// </summary>
internal static class AdjustStock
{
    public static async Task<IResult> Handle(
        string skuId,
        [FromHeader(Name = IdempotencyHeaders.Key)] string? idempotencyKey,
        AdjustmentRequest? request,
        ClaimsPrincipal user,
        HttpResponse response,
        ICatalogReader catalog,
        StockAdjustments adjustments,
        CancellationToken cancellationToken)
    {
        var outcome = await AdjustAsync(skuId, idempotencyKey, request, user, catalog, adjustments, cancellationToken);
        if (!outcome.IsSuccess)
        {
            return Problems.From(outcome.Error!);
        }

        var (movementId, made, figures, replayed) = outcome.Value;
        if (replayed)
        {
            response.Headers[IdempotencyHeaders.Replayed] = "true";
        }

        return TypedResults.Created(
            $"/api/inventory/{Uri.EscapeDataString(skuId)}",
            new AdjustmentView(
                movementId.ToString(CultureInfo.InvariantCulture),
                made.SkuId,
                made.WarehouseId.ToString(CultureInfo.InvariantCulture),
                made.Delta,
                made.Reason,
                figures.OnHand,
                figures.Reserved,
                figures.Available));
    }

    /// <summary>
    /// Checks the input, then who asks (another seller's SKU is not found), then adjusts once per key:
    /// the adjustment made (or made before under this key), or why nothing changed.
    /// </summary>
    public static async Task<Result<AdjustmentOutcome>> AdjustAsync(
        string skuId, string? idempotencyKey, AdjustmentRequest? request, ClaimsPrincipal user, ICatalogReader catalog, StockAdjustments adjustments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(adjustments);
        var actor = "user:" + (user.UserId() ?? throw new InvalidOperationException("The seller policy admits signed-in users only."));
        var adjustment = StockAdjustment.From(skuId, actor, idempotencyKey, request);
        if (adjustment.Error is { Kind: ErrorKind.Validation } invalid)
        {
            return invalid;
        }

        if (!await SkuAccess.MayManageAsync(catalog, user, skuId, cancellationToken))
        {
            return SkuAccess.NotFound(skuId);
        }

        return adjustment.IsSuccess ? await adjustments.AdjustAsync(adjustment.Value, cancellationToken) : adjustment.Error!;
    }
}
