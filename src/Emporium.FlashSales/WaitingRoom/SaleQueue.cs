using System.Buffers.Text;
using System.Diagnostics;
using System.Security.Cryptography;
using Emporium.BuildingBlocks.Results;
using Emporium.FlashSales.Sales;

namespace Emporium.FlashSales.WaitingRoom;

/// <summary>
/// One sale's waiting room in memory: who holds which ticket, in join order, and the
/// <see cref="AdmissionLine"/> that says how far admission has got.
/// </summary>
/// <remarks>
/// One lock per sale. What it guards is a few dictionary operations and some integer arithmetic
/// (the ticket's random bytes are drawn outside it), so thousands of joins per second queue on it for
/// well under a millisecond in total; sales never contend with each other.
/// </remarks>
internal sealed class SaleQueue
{
    /// <summary>Random bytes per ticket: 128 bits, so a ticket cannot be guessed, only handed out.</summary>
    private const int TicketBytes = 16;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Holder> _byTicket = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _ticketByUser = new(StringComparer.Ordinal);
    private readonly int _admitPerSecond;
    private AdmissionLine _line;

    public SaleQueue(FlashSale sale, int capacity)
    {
        ArgumentNullException.ThrowIfNull(sale);
        _admitPerSecond = sale.AdmitPerSecond ?? throw new ArgumentException("The sale has no waiting room.", nameof(sale));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_admitPerSecond, nameof(sale));
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Sale = sale;
        Capacity = capacity;
        _line = AdmissionLine.Empty(sale.StartsAt);
    }

    public FlashSale Sale { get; }

    /// <summary>The most tickets this queue ever hands out.</summary>
    public int Capacity { get; }

    /// <summary>Tickets handed out so far (admitted ones included).</summary>
    public long Issued
    {
        get
        {
            lock (_lock)
            {
                return _line.Issued;
            }
        }
    }

    /// <summary>A new ticket at the back for <paramref name="userId"/>, or the one they hold; full once <see cref="Capacity"/> are out.</summary>
    public Result<QueuePlace> Join(string userId, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var fresh = NewTicket();
        lock (_lock)
        {
            // Brought up to date before issuing, so the new ticket gains nothing from time before it existed.
            _line = _line.At(now, _admitPerSecond);
            if (_ticketByUser.TryGetValue(userId, out var held))
            {
                return PlaceOf(held, _byTicket[held], isNew: false, now);
            }

            if (_line.Issued >= Capacity)
            {
                return QueueErrors.Full;
            }

            _line = _line.Issue();
            var holder = new Holder(userId, _line.Issued);
            _byTicket.Add(fresh, holder);
            _ticketByUser.Add(userId, fresh);
            return PlaceOf(fresh, holder, isNew: true, now);
        }
    }

    /// <summary>Where <paramref name="ticket"/> stands; null when it is unknown or held by someone else (indistinguishable on purpose).</summary>
    public QueuePlace? Find(string userId, string ticket, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (!_byTicket.TryGetValue(ticket, out var holder) || !string.Equals(holder.UserId, userId, StringComparison.Ordinal))
            {
                return null;
            }

            _line = _line.At(now, _admitPerSecond);
            return PlaceOf(ticket, holder, isNew: false, now);
        }
    }

    private QueuePlace PlaceOf(string ticket, Holder holder, bool isNew, DateTimeOffset now)
    {
        Debug.Assert(_lock.IsHeldByCurrentThread, "The line is read under the lock.");
        return new QueuePlace(
            ticket,
            isNew,
            _line.IsAdmitted(holder.Number),
            _line.Ahead(holder.Number),
            _line.WaitFor(holder.Number, now, _admitPerSecond));
    }

    /// <summary>A fresh ticket: 128 random bits, base64url (22 characters). Shared with the Redis adapter so tickets look the same in both deployments.</summary>
    internal static string NewTicket() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(TicketBytes));

    /// <summary>A ticket's buyer and its number in join order.</summary>
    private readonly record struct Holder(string UserId, long Number);
}
