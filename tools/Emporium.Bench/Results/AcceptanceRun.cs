namespace Emporium.Bench.Results;

/// <summary>
/// The flash-sale acceptance run (issue 6): one sale of <see cref="Units"/> units, <see cref="Users"/>
/// distinct buyers making <see cref="Attempts"/> attempts between them, <see cref="Concurrency"/> at once,
/// every answer read. Written as JSON; <c>report</c> renders it under B1.
/// </summary>
/// <see cref="Statuses"/> counts every answer; <see cref="StoredClaims"/> is the admin route's count of the
/// sale's claims, <see cref="StoredRows"/> its rows in <c>flashsales_claims</c> read from the SQLite file
/// (null without --db); <see cref="MaxClaimsPerBuyer"/> is the most claims any one buyer was answered.
internal sealed record AcceptanceRun(
    string Scale,
    MachineInfo Machine,
    string SaleId,
    int Units,
    int Users,
    int Attempts,
    int PerUserLimit,
    int Concurrency,
    double Seconds,
    IReadOnlyDictionary<string, long> Statuses,
    long StoredClaims,
    long? StoredRows,
    long BuyersWithClaims,
    int MaxClaimsPerBuyer,
    IReadOnlyList<string> Host,
    IReadOnlyList<string> Checks,
    IReadOnlyList<string>? Setup,
    string CommandLine,
    string? Script);
