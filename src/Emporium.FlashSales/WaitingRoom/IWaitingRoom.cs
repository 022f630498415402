using Emporium.BuildingBlocks.Results;
using Emporium.FlashSales.Sales;

namespace Emporium.FlashSales.WaitingRoom;

/// <summary>
/// The waiting rooms of sales that have one: tickets in join order, admitted at the sale's
/// <see cref="FlashSale.AdmitPerSecond"/> from its start. In process memory here (a restart forgets the
/// queue); in Redis, shared by every instance, in the scale-out deployment (ADR 0009).
/// </summary>
internal interface IWaitingRoom
{
    /// <summary>
    /// A ticket at the back of <paramref name="sale"/>'s queue for <paramref name="userId"/>, or the one they
    /// already hold (<see cref="QueuePlace.IsNew"/> false). Fails with <see cref="QueueErrors.Full"/> when the
    /// queue already holds its capacity and the buyer holds no ticket.
    /// </summary>
    ValueTask<Result<QueuePlace>> JoinAsync(FlashSale sale, string userId, CancellationToken cancellationToken);

    /// <summary>Where <paramref name="ticket"/> stands; null when it is unknown or not <paramref name="userId"/>'s.</summary>
    ValueTask<QueuePlace?> FindAsync(FlashSale sale, string userId, string ticket, CancellationToken cancellationToken);
}

/// <summary>A ticket's place in its sale's queue at the time it was asked.</summary>
/// <param name="Ticket">The ticket: unguessable, meaningful only with its sale and buyer.</param>
/// <param name="IsNew">Whether this call issued it.</param>
/// <param name="IsAdmitted">Whether its holder may buy now.</param>
/// <param name="Ahead">Tickets ahead of it still waiting (0 once admitted).</param>
/// <param name="EstimatedWait">Until it is admitted if the queue keeps moving at the rate (0 once admitted).</param>
internal sealed record QueuePlace(string Ticket, bool IsNew, bool IsAdmitted, long Ahead, TimeSpan EstimatedWait);

/// <summary>The waiting room's expected failures (stable codes).</summary>
internal static class QueueErrors
{
    public static readonly Error Full = new(ErrorKind.Gone, "queue_full", "The waiting room is full: the sale will sell out before anyone joining now is admitted.");

    public static readonly Error NoWaitingRoom = new(ErrorKind.Conflict, "no_waiting_room", "This sale has no waiting room: buy directly.");

    public static readonly Error TicketNotFound = Error.NotFound("ticket_not_found", "There is no such ticket in this sale's waiting room.");
}
