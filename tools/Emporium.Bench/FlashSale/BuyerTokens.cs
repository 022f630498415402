namespace Emporium.Bench.FlashSale;

/// <summary>A synthetic buyer and the bearer token <c>Emporium.Host issue-tokens</c> minted for it.</summary>
internal sealed record Buyer(string UserId, string Token);

/// <summary>
/// Reads the <c>userId TAB token</c> files <c>Emporium.Host issue-tokens</c> writes. wrk reads the same
/// files (Load/emporium.lua), so the buyers of a measurement are exactly the ones listed.
/// </summary>
internal static class BuyerTokens
{
    public static async Task<IReadOnlyList<Buyer>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"No token file at {path}: write one with `Emporium.Host issue-tokens --count N --out {path}`.");
        }

        var buyers = (await File.ReadAllLinesAsync(path, cancellationToken))
            .Where(line => line.Length > 0)
            .Select(line => line.Split('\t'))
            .Select(fields => fields.Length == 2 ? new Buyer(fields[0], fields[1]) : throw new UsageException($"{path}: expected 'userId TAB token' lines."))
            .ToList();
        return buyers.Count > 0 ? buyers : throw new UsageException($"{path} holds no tokens.");
    }

    /// <summary>The admin's token: the first line of its file.</summary>
    public static async Task<string> AdminAsync(string path, CancellationToken cancellationToken) =>
        (await ReadAsync(path, cancellationToken))[0].Token;
}
