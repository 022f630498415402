using Emporium.BuildingBlocks.Http;
using Emporium.BuildingBlocks.Results;
using Emporium.FlashSales.Sales;
using Microsoft.AspNetCore.Http;

namespace Emporium.FlashSales.Buying;

/// <summary>A sale as anyone sees it; <see cref="Remaining"/> is approximate while attempts are in flight.</summary>
internal sealed record SaleView(
    string Id,
    string SkuId,
    long Price,
    string Currency,
    int Quantity,
    int PerUserLimit,
    string Status,
    int Remaining,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    int? AdmitPerSecond);

/// <summary><c>GET /api/flash-sales/{saleId}</c> (anyone): from the sale's gate in memory, not storage — everyone waiting polls it.</summary>
internal static class GetSale
{
    public static async Task<IResult> Handle(string saleId, IStockGate gate, TimeProvider clock, CancellationToken cancellationToken)
    {
        var view = await FindAsync(saleId, gate, clock, cancellationToken);
        return view.IsSuccess ? TypedResults.Ok(view.Value) : Problems.From(view.Error!);
    }

    /// <summary>The sale as buyers see it now; the endpoint and the sale page both answer from this.</summary>
    public static async Task<Result<SaleView>> FindAsync(string saleId, IStockGate gate, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!FlashSale.TryParseId(saleId, out var id))
        {
            return BuyingErrors.BadSaleId;
        }

        var found = await gate.FindAsync(id, cancellationToken);
        if (found is null)
        {
            return BuyingErrors.NotFound(id);
        }

        var sale = found.Sale;
        return new SaleView(
            sale.IdText,
            sale.SkuId,
            sale.Price,
            sale.Currency,
            sale.Quantity,
            sale.PerUserLimit,
            StatusText(found.PhaseAt(clock.GetUtcNow())),
            found.Remaining,
            sale.StartsAt,
            sale.EndsAt,
            sale.AdmitPerSecond);
    }

    private static string StatusText(SalePhase phase) => phase switch
    {
        SalePhase.Scheduled => "scheduled",
        SalePhase.Active => "active",
        SalePhase.SoldOut => "soldOut",
        SalePhase.Ended => "ended",
        _ => throw new ArgumentOutOfRangeException(nameof(phase), phase, null),
    };
}
