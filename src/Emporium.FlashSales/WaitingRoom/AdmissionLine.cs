using System.Diagnostics;

namespace Emporium.FlashSales.WaitingRoom;

/// <summary>
/// The arithmetic of one sale's waiting room, as a value: tickets are numbered 1, 2, 3… in join order
/// and ticket <c>n</c> is admitted once <see cref="Admitted"/> ≥ <c>n</c>. Nothing runs on a timer: the
/// line is brought up to date (<see cref="At"/>) whenever someone joins or asks, from the clock alone.
/// </summary>
/// <remarks>
/// The rule: from the sale's start, admissions accrue at <c>admitPerSecond</c> (in whole ticks, so no
/// rounding drift) while someone is waiting, and the admitted count never passes the tickets issued.
/// Credit that would admit tickets nobody holds yet is dropped, not banked: after a quiet spell the
/// next buyers are admitted at the rate, not in a burst as large as the spell was long. Because
/// <see cref="At"/> runs before every <see cref="Issue"/>, a ticket never profits from time that passed
/// before it existed.
/// </remarks>
/// <param name="Issued">Tickets handed out so far (the last ticket's number).</param>
/// <param name="Admitted">Tickets admitted so far: numbers 1..Admitted.</param>
/// <param name="Credit">
/// Progress towards the next admission, in ticks × admissions per second: one admission is
/// <see cref="TimeSpan.TicksPerSecond"/> units. Always below one admission.
/// </param>
/// <param name="Cursor">The time the line was last brought up to date; the sale's start until then.</param>
internal readonly record struct AdmissionLine(long Issued, long Admitted, long Credit, DateTimeOffset Cursor)
{
    /// <summary>A line with no tickets; nothing accrues before <paramref name="startsAt"/>.</summary>
    public static AdmissionLine Empty(DateTimeOffset startsAt) => new(0, 0, 0, startsAt);

    /// <summary>The line at <paramref name="now"/>: admissions accrued since <see cref="Cursor"/>, capped by the tickets issued.</summary>
    public AdmissionLine At(DateTimeOffset now, int admitPerSecond)
    {
        Debug.Assert(admitPerSecond > 0, "A waiting room admits at a positive rate.");
        Debug.Assert(Admitted <= Issued && Credit is >= 0 and < TimeSpan.TicksPerSecond, "Admitted never passes issued; credit is below one admission.");

        // Before the start (the cursor is the start until then) nothing accrues; a clock that steps
        // back changes nothing either.
        if (now <= Cursor)
        {
            return this;
        }

        // Int128: a long idle spell times a high rate overflows 64 bits; the result is capped just below.
        var units = ((Int128)(now - Cursor).Ticks * admitPerSecond) + Credit;
        var accrued = units / TimeSpan.TicksPerSecond;
        var waiting = Issued - Admitted;
        return accrued >= waiting
            ? new AdmissionLine(Issued, Issued, 0, now)
            : new AdmissionLine(Issued, Admitted + (long)accrued, (long)(units % TimeSpan.TicksPerSecond), now);
    }

    /// <summary>One more ticket at the back of the line; its number is the new <see cref="Issued"/>.</summary>
    public AdmissionLine Issue() => this with { Issued = Issued + 1 };

    public bool IsAdmitted(long number) => number <= Admitted;

    /// <summary>How many tickets ahead of ticket <paramref name="number"/> are still waiting (0 once it is admitted).</summary>
    public long Ahead(long number) => Math.Max(0, number - 1 - Admitted);

    /// <summary>
    /// How long from <paramref name="now"/> until ticket <paramref name="number"/> is admitted if the line
    /// keeps moving at the rate (zero once admitted): the wait for the start, then one admission interval
    /// for each ticket up to and including this one, less the credit already accrued. Call on a line
    /// brought up to <paramref name="now"/>.
    /// </summary>
    public TimeSpan WaitFor(long number, DateTimeOffset now, int admitPerSecond)
    {
        Debug.Assert(number >= 1 && number <= Issued, "Only issued tickets wait.");
        if (IsAdmitted(number))
        {
            return TimeSpan.Zero;
        }

        var units = ((Int128)(number - Admitted) * TimeSpan.TicksPerSecond) - Credit;
        var ticks = (units + admitPerSecond - 1) / admitPerSecond;
        var untilCursor = Cursor > now ? Cursor - now : TimeSpan.Zero;
        return untilCursor + TimeSpan.FromTicks((long)ticks);
    }
}
