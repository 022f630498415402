using System.Text;
using Emporium.Bench.Results;

namespace Emporium.Bench.Report;

/// <summary>B1's acceptance run (issue 6): the counts of every answer and what was checked.</summary>
internal static class AcceptanceSection
{
    /// <summary>The full scale: 1,000 units, 20,000 buyers, 100,000 attempts.</summary>
    private const int FullUnits = 1_000;
    private const int FullUsers = 20_000;
    private const int FullAttempts = 100_000;

    public static void Append(StringBuilder md, AcceptanceRun run, string reportCommand)
    {
        ArgumentNullException.ThrowIfNull(md);
        ArgumentNullException.ThrowIfNull(run);
        var full = run.Units >= FullUnits && run.Users >= FullUsers && run.Attempts >= FullAttempts;
        long Count(int status) => run.Statuses.GetValueOrDefault(status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        md.AppendLine($"### Acceptance run: {run.Units:N0} units, {run.Users:N0} buyers, {run.Attempts:N0} attempts").AppendLine()
          .AppendLine($"**Goal (issue 6):** exactly {run.Units:N0} claims, no buyer above the limit, every other answer a clean 410, 409 or 429.").AppendLine()
          .AppendLine($"**Result: met** — {Count(201):N0} claims for {run.Attempts:N0} attempts; stored claims {run.StoredClaims:N0} (admin route)"
                      + (run.StoredRows is { } rows ? $", {rows:N0} rows in the SQLite file" : "") + $"; at most {run.MaxClaimsPerBuyer} per buyer (limit {run.PerUserLimit})."
                      + (full ? "" : $" At a smaller scale than the issue's {FullUnits:N0} / {FullUsers:N0} / {FullAttempts:N0}."))
          .AppendLine()
          .AppendLine(ThroughputSections.Measured(run.Machine)).AppendLine()
          .AppendLine("| answer | count |").AppendLine("|---|---|")
          .AppendLine($"| 201 claimed | {Count(201):N0} |")
          .AppendLine($"| 410 sold out | {Count(410):N0} |")
          .AppendLine($"| 409 per-user limit reached | {Count(409):N0} |")
          .AppendLine($"| 429 rate limited | {Count(429):N0} |")
          .AppendLine($"| **all attempts** | **{run.Statuses.Values.Sum():N0}** |")
          .AppendLine()
          .AppendLine($"- Sale {run.SaleId}: {run.Units:N0} units, per-user limit {run.PerUserLimit}. {run.Users:N0} distinct synthetic buyers (tokens from `Emporium.Host issue-tokens`) make about {run.Attempts / run.Users} attempts each, back to back (so a buyer's attempts are in flight together and race at the per-user limit), buyers in a fixed shuffled order, {run.Attempts:N0} attempts in all, {run.Concurrency} in flight at once, through the bench's own `HttpClient`, which reads and counts every answer.")
          .AppendLine($"- {run.BuyersWithClaims:N0} buyers won at least one unit. The run took {run.Seconds:N1} s ({run.Attempts / run.Seconds:N0} attempts/s through `HttpClient` — not a throughput figure: B1 (a) and (b) above are).")
          .AppendLine("- **Host:** " + string.Join("; ", run.Host) + ".")
          .AppendLine("- **Checked** (the run fails on any):");
        foreach (var check in run.Checks)
        {
            md.AppendLine("  - " + check);
        }

        md.AppendLine("- Paying the claims (checkout) and the ledger balance after payment or expiry are not part of this run.");
        ThroughputSections.AppendReproduce(md, run.Script, run.Setup, [run.CommandLine, reportCommand]);
    }
}
