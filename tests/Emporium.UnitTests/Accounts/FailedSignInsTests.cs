using Emporium.Accounts.RateLimiting;

namespace Emporium.UnitTests.Accounts;

/// <summary>The per-account failure window, with a hand-moved clock (no host, no database).</summary>
public sealed class FailedSignInsTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    private readonly ManualClock _clock = new();

    private FailedSignIns Counter(bool enabled = true) => new(new LoginRateLimits(enabled, 20, 3, Window), _clock);

    [Fact]
    public void The_attempt_after_the_limit_is_refused_until_the_window_ends()
    {
        var counter = Counter();
        for (var i = 0; i < 3; i++)
        {
            counter.TryBegin("a@example.test", out _).ShouldBeTrue();
            _clock.Advance(TimeSpan.FromMinutes(1));
        }

        counter.TryBegin("a@example.test", out var retryAfter).ShouldBeFalse();
        retryAfter.ShouldBe(Window - TimeSpan.FromMinutes(3));
        counter.TryBegin("b@example.test", out _).ShouldBeTrue();

        _clock.Advance(retryAfter);
        counter.TryBegin("a@example.test", out _).ShouldBeTrue();
    }

    [Fact]
    public void A_success_clears_the_count()
    {
        var counter = Counter();
        counter.TryBegin("a@example.test", out _);
        counter.TryBegin("a@example.test", out _);

        counter.Succeeded("a@example.test");

        for (var i = 0; i < 3; i++)
        {
            counter.TryBegin("a@example.test", out _).ShouldBeTrue();
        }
    }

    [Fact]
    public void Parallel_attempts_never_get_past_the_limit()
    {
        var counter = Counter();

        var allowed = Enumerable.Range(0, 200).AsParallel().Count(i => counter.TryBegin("a@example.test", out var wait));

        allowed.ShouldBe(3);
    }

    [Fact]
    public void Switched_off_it_never_refuses()
    {
        var counter = Counter(enabled: false);

        Enumerable.Range(0, 50).All(i => counter.TryBegin("a@example.test", out var wait)).ShouldBeTrue();
    }
}
