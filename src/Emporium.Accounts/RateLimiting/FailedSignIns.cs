using System.Collections.Concurrent;

namespace Emporium.Accounts.RateLimiting;

/// <summary>
/// The per-account limit: at most <see cref="LoginRateLimits.FailuresPerAccount"/> failed sign-ins per
/// account in a fixed window that starts at the first failure. Keyed by the normalized email whether or
/// not an account exists, so a lock-out says nothing about existence.
/// </summary>
/// <remarks>
/// Every attempt counts as a failure when it starts and the count is cleared when it succeeds: parallel
/// guesses cannot slip past the limit between "check" and "record".
/// </remarks>
internal sealed class FailedSignIns(LoginRateLimits limits, TimeProvider clock)
{
    /// <summary>Above this many tracked accounts, expired windows are swept on the next new entry.</summary>
    private const int SweepThreshold = 10_000;

    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);

    /// <summary>Counts an attempt on <paramref name="account"/>; false (with how long to wait) when it is locked.</summary>
    public bool TryBegin(string account, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (!limits.Enabled)
        {
            return true;
        }

        var now = clock.GetUtcNow();
        if (_windows.Count > SweepThreshold && !_windows.ContainsKey(account))
        {
            Sweep(now);
        }

        var window = _windows.GetOrAdd(account, _ => new Window(now));
        lock (window)
        {
            if (now >= window.Start + limits.FailureWindow)
            {
                window.Start = now;
                window.Failures = 0;
            }

            if (window.Failures >= limits.FailuresPerAccount)
            {
                retryAfter = window.Start + limits.FailureWindow - now;
                return false;
            }

            window.Failures++;
            return true;
        }
    }

    /// <summary>A successful sign-in clears the account's failures.</summary>
    public void Succeeded(string account) => _windows.TryRemove(account, out _);

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (account, window) in _windows)
        {
            if (now >= window.Start + limits.FailureWindow)
            {
                _windows.TryRemove(account, out _);
            }
        }
    }

    private sealed class Window(DateTimeOffset start)
    {
        public DateTimeOffset Start { get; set; } = start;

        public int Failures { get; set; }
    }
}
