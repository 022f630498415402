using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Emporium.Payments.Gateway.Sandbox;

/// <summary>
/// <c>Emporium:Payments:Sandbox:*</c>, the sandbox gateway's test-mode faults:
/// <c>LatencyMs</c> (0) added to every call; <c>TimeoutRate</c> (0..1, 0) — the share of calls that time
/// out before taking effect; <c>LostReplyRate</c> (0..1, 0) — the share of calls that take effect but
/// whose answer is lost (the caller sees a timeout: the case that double-charges a careless client);
/// <c>Seed</c> — makes the draws repeatable. Rates of 0 and 1 mean never and always, without a draw.
/// The sandbox reads these on every call, so a test may change them on the running host.
/// </summary>
internal sealed class SandboxSettings
{
    public const string Section = "Emporium:Payments:Sandbox";

    public int LatencyMs { get; set; }

    public double TimeoutRate { get; set; }

    public double LostReplyRate { get; set; }

    public int? Seed { get; init; }

    public static SandboxSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        var seed = section["Seed"];
        return new SandboxSettings
        {
            LatencyMs = (int)Number(section, "LatencyMs", 0, 0, 60_000),
            TimeoutRate = Number(section, "TimeoutRate", 0, 0, 1),
            LostReplyRate = Number(section, "LostReplyRate", 0, 0, 1),
            Seed = string.IsNullOrWhiteSpace(seed) ? null : (int)Number(section, "Seed", 0, int.MinValue, int.MaxValue),
        };
    }

    private static double Number(IConfiguration section, string key, double fallback, double min, double max)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture, $"{Section}:{key} is '{text}'; expected a number from {min} to {max}."));
        }

        return value;
    }
}

/// <summary>The sandbox's faults, drawn from one (optionally seeded) random source.</summary>
internal sealed class SandboxFaults(SandboxSettings settings)
{
    private readonly Random _random = settings.Seed is { } seed ? new Random(seed) : new Random();
    private readonly Lock _gate = new();

    public SandboxSettings Settings => settings;

    /// <summary>The simulated network: real time, not the host's clock, so a test's frozen clock does not stall it.</summary>
    public Task LatencyAsync(CancellationToken cancellationToken) =>
        settings.LatencyMs > 0 ? Task.Delay(settings.LatencyMs, cancellationToken) : Task.CompletedTask;

    public bool TimesOut() => Draw(settings.TimeoutRate);

    public bool LosesReply() => Draw(settings.LostReplyRate);

    private bool Draw(double rate)
    {
        if (rate <= 0)
        {
            return false;
        }

        if (rate >= 1)
        {
            return true;
        }

        lock (_gate)
        {
            return _random.NextDouble() < rate;
        }
    }
}
