using System.Globalization;
using Emporium.Contracts.Inventory;
using Emporium.Inventory.Reservations.Model;

namespace Emporium.Inventory.Reservations;

/// <summary>Turns a reservation's state into what other modules see (<see cref="StockReservation"/>).</summary>
internal static class ReservationView
{
    public static bool TryParseId(string? text, out long id) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;

    public static StockReservation Of(long id, ReservationState state) => state switch
    {
        ReservationState.Pending p => new(Id(id), p.Owner, ReservationStatus.Pending, p.ExpiresAt, Lines(p.Lines)),
        ReservationState.Ended e => new(Id(id), e.Owner, Status(e.How), e.ExpiresAt, Lines(e.Lines)),
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "A reservation that does not exist has no view."),
    };

    /// <summary>The lines a reservation holds or held; none before it exists.</summary>
    public static ReservationLines LinesOf(ReservationState state) => state switch
    {
        ReservationState.Pending p => p.Lines,
        ReservationState.Ended e => e.Lines,
        _ => ReservationLines.Empty,
    };

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static ReservationStatus Status(ReservationEnd how) => how switch
    {
        ReservationEnd.Committed => ReservationStatus.Committed,
        ReservationEnd.Released => ReservationStatus.Released,
        ReservationEnd.Expired => ReservationStatus.Expired,
        ReservationEnd.Returned => ReservationStatus.Returned,
        _ => throw new ArgumentOutOfRangeException(nameof(how), how, "Unknown way of ending."),
    };

    private static List<ReservedStockLine> Lines(ReservationLines lines) =>
        lines.Select(l => new ReservedStockLine(l.SkuId, l.WarehouseId.ToString(CultureInfo.InvariantCulture), l.Quantity)).ToList();
}
