using Emporium.FlashSales.WaitingRoom;
using static Emporium.UnitTests.FlashSales.WaitingRoom.WaitingRoomSpec;

namespace Emporium.UnitTests.FlashSales.WaitingRoom;

/// <summary>The admission arithmetic: first come first served, at the rate, from the start, never past the tickets issued.</summary>
public sealed class AdmissionLineSpecs
{
    private const int Rate = 10;

    /// <summary>Joins the way the queue does: the line is brought up to date, then one ticket is issued.</summary>
    private static AdmissionLine Join(AdmissionLine line, DateTimeOffset at, int count = 1)
    {
        for (var i = 0; i < count; i++)
        {
            line = line.At(at, Rate).Issue();
        }

        return line;
    }

    [Fact]
    public void Nobody_is_admitted_before_the_start_however_long_they_wait()
    {
        var line = Join(AdmissionLine.Empty(Start), At(-3600), count: 50);

        line.At(At(-1), Rate).Admitted.ShouldBe(0);
        line.At(Start, Rate).Admitted.ShouldBe(0, "the start itself admits nobody yet: admissions accrue from it");
        line.At(Start, Rate).Ahead(50).ShouldBe(49);
    }

    [Fact]
    public void From_the_start_tickets_are_admitted_at_the_rate_in_join_order()
    {
        var line = Join(AdmissionLine.Empty(Start), At(-10), count: 100);

        line.At(At(0.1), Rate).Admitted.ShouldBe(1);
        line.At(At(0.99), Rate).Admitted.ShouldBe(9);
        line.At(At(1), Rate).Admitted.ShouldBe(10);
        line.At(At(2.55), Rate).Admitted.ShouldBe(25);

        var now = line.At(At(2.55), Rate);
        (now.IsAdmitted(25), now.IsAdmitted(26)).ShouldBe((true, false));
        (now.Ahead(1), now.Ahead(25), now.Ahead(26), now.Ahead(100)).ShouldBe((0, 0, 0, 74));
    }

    [Fact]
    public void Many_small_steps_admit_exactly_as_many_as_one_big_step()
    {
        var line = Join(AdmissionLine.Empty(Start), At(-1), count: 1000);

        var stepped = line;
        for (var i = 1; i <= 300; i++)
        {
            // 7 ms steps: 0.07 of an admission each; fractions carry, nothing is lost to rounding.
            stepped = stepped.At(Start + TimeSpan.FromMilliseconds(7 * i), Rate);
        }

        stepped.Admitted.ShouldBe(21);
        line.At(At(2.1), Rate).Admitted.ShouldBe(21);
    }

    [Fact]
    public void Admission_never_passes_the_tickets_issued()
    {
        var line = Join(AdmissionLine.Empty(Start), At(-1), count: 5);

        var later = line.At(At(60), Rate);

        later.Admitted.ShouldBe(5, "600 admissions' worth of time, but only 5 tickets");
        later.Credit.ShouldBe(0);
    }

    [Fact]
    public void A_quiet_spell_banks_no_burst_the_next_buyers_are_admitted_at_the_rate()
    {
        // Five buyers admitted, then a minute with nobody waiting.
        var line = Join(AdmissionLine.Empty(Start), At(-1), count: 5).At(At(1), Rate);
        line.Admitted.ShouldBe(5);

        // A hundred join at once after the quiet minute.
        line = Join(line, At(61), count: 100);

        line.At(At(61), Rate).Admitted.ShouldBe(5, "the quiet minute admitted nobody in advance");
        line.At(At(62), Rate).Admitted.ShouldBe(15);
        line.At(At(71), Rate).Admitted.ShouldBe(105);
    }

    [Fact]
    public void A_buyer_alone_in_the_queue_waits_one_admission_interval()
    {
        var line = Join(AdmissionLine.Empty(Start), At(30));

        line.At(At(30.09), Rate).Admitted.ShouldBe(0);
        line.At(At(30.1), Rate).Admitted.ShouldBe(1);
    }

    [Fact]
    public void The_wait_is_the_time_to_the_start_plus_one_interval_per_ticket_up_to_this_one()
    {
        var line = Join(AdmissionLine.Empty(Start), At(-60), count: 30);

        line.WaitFor(1, At(-60), Rate).ShouldBe(TimeSpan.FromSeconds(60.1));
        line.WaitFor(30, At(-60), Rate).ShouldBe(TimeSpan.FromSeconds(63));

        // 1.25 s after the start: 12 admitted and half of the next admission accrued.
        var now = line.At(At(1.25), Rate);
        now.WaitFor(12, At(1.25), Rate).ShouldBe(TimeSpan.Zero);
        now.WaitFor(13, At(1.25), Rate).ShouldBe(TimeSpan.FromSeconds(0.05));
        now.WaitFor(30, At(1.25), Rate).ShouldBe(TimeSpan.FromSeconds(1.75));
    }

    [Fact]
    public void A_clock_that_steps_back_changes_nothing()
    {
        var line = Join(AdmissionLine.Empty(Start), At(-1), count: 20).At(At(1), Rate);

        line.At(At(0.5), Rate).ShouldBe(line);
    }

    [Fact]
    public void Years_of_idle_time_at_a_high_rate_do_not_overflow()
    {
        var line = Join(AdmissionLine.Empty(Start), At(-1), count: 3);

        var later = line.At(Start.AddYears(50), int.MaxValue);

        later.Admitted.ShouldBe(3);
    }
}
