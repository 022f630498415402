using System.Globalization;
using Emporium.BuildingBlocks.Persistence;
using Emporium.BuildingBlocks.Results;
using Emporium.Contracts.Catalog;
using Emporium.Contracts.Inventory;
using Microsoft.Extensions.Logging;

namespace Emporium.FlashSales.Sales;

/// <summary>
/// Creates a sale and moves its units out of normal stock. Two steps that cannot share a transaction
/// (the allotment is the inventory's): the row is written <c>allotting</c> first, then the allotment is
/// reserved under a key derived from the row's id, then the row opens. A crash in between leaves an
/// <c>allotting</c> row that <see cref="FinishAsync"/> completes by reserving under the same key —
/// the same reservation if the first attempt made one — or drops when the stock is not there.
/// </summary>
internal sealed class SaleAllotting(
    Database database,
    ICatalogReader catalog,
    IStockReservations reservations,
    FlashSalesSettings settings,
    TimeProvider clock,
    ILogger<SaleAllotting> logger)
{
    public async Task<Result<long>> CreateAsync(SaleTerms terms, string createdBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var skus = await catalog.GetSkusAsync([terms.SkuId], cancellationToken);
        if (!skus.TryGetValue(terms.SkuId, out var sku))
        {
            return Error.NotFound("sku_not_found", $"There is no SKU '{terms.SkuId}'.");
        }

        if (!sku.Purchasable)
        {
            return new Error(ErrorKind.Unprocessable, "sku_not_purchasable", $"SKU '{terms.SkuId}' is no longer sold; a sale of it could not be paid.");
        }

        // At storage precision, as the inventory reads its clock: a hold that should end at the settle
        // time does, not a fraction of a millisecond before it.
        var now = SaleRules.ToStoredPrecision(clock.GetUtcNow());
        var settlesAt = SaleRules.SettlesAt(terms.EndsAt, settings);
        long id;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            id = await SaleStore.InsertAllottingAsync(connection, terms, sku.Currency, settlesAt, createdBy, now, cancellationToken);
        }

        var hold = Allotment.Hold(settlesAt, now, settings);
        var reserved = await reservations.ReserveAsync(Allotment.Request(id, terms.SkuId, terms.Quantity, terms.Country, hold), cancellationToken);
        var outcome = await ConcludeAsync(id, terms.SkuId, terms.Quantity, terms.Country, reserved, cancellationToken);
        return outcome.IsSuccess ? id : outcome.Error!;
    }

    /// <summary>
    /// Completes a sale its creating request left <c>allotting</c>: open with the allotment, or gone when
    /// the stock is not there. True when the sale is open afterwards.
    /// </summary>
    public async Task<bool> FinishAsync(FlashSale sale, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sale);
        var hold = Allotment.Hold(sale.SettlesAt, SaleRules.ToStoredPrecision(clock.GetUtcNow()), settings);
        var reserved = await reservations.ReserveAsync(Allotment.Request(sale.Id, sale.SkuId, sale.Quantity, sale.Country, hold), cancellationToken);
        var outcome = await ConcludeAsync(sale.Id, sale.SkuId, sale.Quantity, sale.Country, reserved, cancellationToken);
        if (outcome.IsSuccess)
        {
            logger.LogInformation("Finished allotting flash sale {SaleId}: allotment {AllotmentId}", sale.Id, outcome.Value);
        }
        else
        {
            logger.LogWarning("Dropped flash sale {SaleId} left allotting: {Code} {Message}", sale.Id, outcome.Error!.Code, outcome.Error.Message);
        }

        return outcome.IsSuccess;
    }

    /// <summary>The second half of both paths: open the sale with its allotment, or delete the row and say why.</summary>
    private async Task<Result<string>> ConcludeAsync(
        long id, string skuId, int quantity, string country, Result<StockReservation> reserved, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        if (!reserved.IsSuccess || reserved.Value.Status != ReservationStatus.Pending)
        {
            await SaleStore.DeleteAllottingAsync(connection, id, cancellationToken);
            return reserved.IsSuccess ? AllotmentEnded(id, reserved.Value) : Explain(reserved.Error!, skuId, quantity, country);
        }

        if (await SaleStore.OpenAsync(connection, id, reserved.Value.ReservationId, cancellationToken))
        {
            return reserved.Value.ReservationId;
        }

        var sale = await SaleRows.FindAsync(connection, null, id, cancellationToken);
        if (sale is not null && sale.AllotmentId == reserved.Value.ReservationId)
        {
            return reserved.Value.ReservationId; // the other path opened it first, with the same allotment
        }

        // The row went while the allotment was being reserved: the sweep dropped it when the stock was
        // short a moment earlier. Nobody can sell these units now, so they go back to the shelf.
        await reservations.ReleaseAsync(reserved.Value.ReservationId, cancellationToken);
        return new Error(ErrorKind.Conflict, "out_of_stock", $"The sale of SKU '{skuId}' was withdrawn while its stock was reserved; create it again.");
    }

    private static Error Explain(Error error, string skuId, int quantity, string country) => error switch
    {
        { Code: "out_of_stock" } => error with
        {
            Message = string.Create(
                CultureInfo.InvariantCulture,
                $"Not enough stock of SKU '{skuId}' ships to {country} for an allotment of {quantity} units; nothing was reserved."),
        },

        // The terms passed this module's rules but not the inventory's limits on one reservation (its
        // largest quantity): say so on the field the admin sent.
        { Kind: ErrorKind.Validation, Fields: { } fields } when fields.Keys.Any(k => k.Contains("quantity", StringComparison.Ordinal)) =>
            Error.Validation(new Dictionary<string, string[]>(StringComparer.Ordinal)
            {
                ["quantity"] = ["The inventory cannot hold this allotment in one reservation: " + string.Join(" ", fields.Values.SelectMany(m => m))],
            }),
        _ => error,
    };

    private static Error AllotmentEnded(long id, StockReservation reservation) => new(
        ErrorKind.Conflict,
        "allotment_ended",
        string.Create(CultureInfo.InvariantCulture, $"Sale {id}'s allotment reservation {reservation.ReservationId} has already ended ({reservation.Status})."));
}
