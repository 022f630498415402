using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Emporium.Adapters.Redis.Connection;
using Emporium.Adapters.Redis.FlashSales;
using Emporium.Bench.Engines;
using Emporium.Bench.Load;

namespace Emporium.Bench.FlashSale;

/// <summary>
/// B2's baseline: the gate's own <see cref="GateScripts.Take"/> — the text the host sends, taken from the
/// same assembly — loaded with <c>SCRIPT LOAD</c> and run by redis-benchmark as <c>EVALSHA</c>, with wrk's
/// connections and threads, against two gates installed by <see cref="GateScripts.Install"/> under the
/// host's key naming (<see cref="GateKeys"/>): one with units and a limit no buyer reaches, so every call
/// takes a unit (the path of a 201), and one with limit 0, so every call stops at the buyer's count (the
/// path of a 409). Buyer ids are drawn from as many values as wrk has buyers.
/// </summary>
internal sealed class GateBaseline(RedisTarget target, RedisBenchmark benchmark, string keyPrefix, int buyers)
{
    /// <summary>Sale ids no real sale has: the baseline's gates are its own.</summary>
    public const long ClaimGateSale = 900_000_001;

    public const long LimitGateSale = 900_000_002;

    private const long Units = 1_000_000_000;

    private readonly RedisCli _cli = new(target);
    private readonly Dictionary<long, double> _rates = new() { [ClaimGateSale] = 30_000, [LimitGateSale] = 30_000 };
    private readonly Dictionary<long, long> _calls = new() { [ClaimGateSale] = 0, [LimitGateSale] = 0 };
    private readonly Dictionary<long, EvalShaCall> _scripts = [];

    /// <summary>SHA1 of <see cref="GateScripts.Take"/>: the name EVALSHA calls it by.</summary>
    public static string TakeSha => Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(GateScripts.Take)));

    public RedisCli Cli => _cli;

    /// <summary>Whether Redis already knows the script (the host ran it), before the baseline loads it.</summary>
    public async Task<bool> HostLoadedTakeAsync(CancellationToken cancellationToken) =>
        await _cli.RunAsync(cancellationToken, "SCRIPT", "EXISTS", TakeSha) == "1";

    /// <summary>Loads the script, installs both gates (window: from 1970 to 2100), resets Redis's command counters.</summary>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        var sha = await _cli.RunAsync(cancellationToken, "SCRIPT", "LOAD", GateScripts.Take);
        if (sha != TakeSha)
        {
            throw new InvariantException($"SCRIPT LOAD answered {sha}, not the SHA1 of GateScripts.Take ({TakeSha}).");
        }

        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        foreach (var (sale, limit) in new[] { (ClaimGateSale, Units), (LimitGateSale, 0L) })
        {
            var (gate, buyersKey) = Keys(sale);
            var installed = await _cli.RunAsync(
                cancellationToken, "EVAL", GateScripts.Install, "2", gate, buyersKey,
                "1", Text(Units), Text(limit), "0", Text(new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds()), Text((long)TimeSpan.FromDays(1).TotalMilliseconds));
            if (installed != "1")
            {
                throw new InvariantException($"The Install script refused the baseline gate {gate}: {installed}.");
            }

            _scripts[sale] = new EvalShaCall(sha, gate, buyersKey, buyers, now);
        }

        await _cli.RunAsync(cancellationToken, "CONFIG", "RESETSTAT");
    }

    public EvalShaCall Call(long sale) => _scripts[sale];

    /// <summary>About <paramref name="seconds"/> of calls at the rate the last run of this gate measured.</summary>
    public async Task<LoadSample> RunAsync(string name, long sale, int seconds, CancellationToken cancellationToken)
    {
        var requests = Math.Max(10_000, (long)(_rates[sale] * seconds));
        var sample = await benchmark.RunAsync(name, _scripts[sale], requests, cancellationToken);
        _rates[sale] = sample.RequestsPerSecond;
        _calls[sale] += sample.Requests;
        return sample;
    }

    /// <summary>
    /// Every call did what its gate is for: the claim gate lost exactly one unit per call, the limit gate
    /// none (and holds no buyer but the placeholder). Then what Redis counted per command over the run.
    /// </summary>
    public async Task<IReadOnlyList<string>> VerifyAsync(CancellationToken cancellationToken)
    {
        var (claimGate, claimBuyers) = Keys(ClaimGateSale);
        var (limitGate, limitBuyers) = Keys(LimitGateSale);
        var claimLeft = await _cli.NumberAsync(cancellationToken, "HGET", claimGate, "remaining");
        var limitLeft = await _cli.NumberAsync(cancellationToken, "HGET", limitGate, "remaining");
        var limitFields = await _cli.NumberAsync(cancellationToken, "HLEN", limitBuyers);
        var claimFields = await _cli.NumberAsync(cancellationToken, "HLEN", claimBuyers);
        if (claimLeft != Units - _calls[ClaimGateSale] || limitLeft != Units || limitFields != 1 || claimFields > buyers + 1)
        {
            throw new InvariantException(
                $"Baseline gates: {_calls[ClaimGateSale]:N0} EVALSHA on the claim gate left {claimLeft:N0} of {Units:N0} units ({claimFields:N0} buyer fields); "
                + $"{_calls[LimitGateSale]:N0} on the limit gate left {limitLeft:N0} and {limitFields} buyer fields (expected {Units:N0} and 1).");
        }

        var stats = await _cli.RunAsync(cancellationToken, "INFO", "commandstats");
        string Stat(string command) =>
            stats.Split('\n').FirstOrDefault(l => l.StartsWith($"cmdstat_{command}:", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "calls=0";
        return [
            $"baseline: {_calls[ClaimGateSale]:N0} EVALSHA on the claim gate took exactly {_calls[ClaimGateSale]:N0} units ({claimLeft:N0} of {Units:N0} left, {claimFields - 1:N0} distinct buyers); {_calls[LimitGateSale]:N0} on the limit gate took none",
            $"Redis's own count over the warm-ups and rounds (`INFO commandstats` after `CONFIG RESETSTAT`; the subjects' calls are the host's, so EVAL calls=0 means the host sends EVALSHA too): EVALSHA {Stat("evalsha")}; EVAL {Stat("eval")}",
        ];
    }

    public string Describe(long sale) =>
        $"`EVALSHA {_scripts[sale].Sha[..12]}… 2 {_scripts[sale].GateKey} {_scripts[sale].BuyersKey} bench-buyer-__rand_int__ NOW` (redis-benchmark `-r {buyers}`)";

    /// <summary>A sale's two gate keys, named as the host names them.</summary>
    public (string Gate, string Buyers) Keys(long sale)
    {
        using var store = new RedisStore(new RedisSettings($"{target.Host}:{target.Port}", keyPrefix));
        var keys = GateKeys.Of(store, sale);
        return (keys[0].ToString(), keys[1].ToString());
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
