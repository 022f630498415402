namespace Emporium.Bench;

/// <summary>The targets the figures are judged against (issue 9, docs/benchmarks.md).</summary>
internal static class Goals
{
    public const double SearchP95Ms = 100;
    public const long SearchProducts = 1_000_000;

    /// <summary>B5: the endpoint's p95 ÷ the same query's p95 on the engine alone.</summary>
    public const double SearchEndpointOverRaw = 1.3;

    /// <summary>B6: cart view requests/s ÷ <c>GET /health/live</c> requests/s.</summary>
    public const double CartView = 0.5;

    /// <summary>B6: cart add requests/s ÷ <c>GET /health/live</c> requests/s.</summary>
    public const double CartAdd = 0.35;

    /// <summary>B1 (a): durable claims/s while stock lasts ÷ <c>GET /health/live</c> requests/s.</summary>
    public const double Claims = 0.5;

    /// <summary>B1 (b): sold-out answers/s ÷ <c>GET /health/live</c> requests/s.</summary>
    public const double SoldOut = 0.8;

    /// <summary>B2 (a): durable claims/s on PostgreSQL + Redis ÷ EVALSHA calls/s of the gate's script taking a unit.</summary>
    public const double RedisClaims = 0.5;

    /// <summary>B2 (b): attempts/s refused at the per-user limit by the Redis gate ÷ EVALSHA calls/s of the script on that path.</summary>
    public const double RedisAttempts = 0.5;

    /// <summary>B3: checkouts/s through <c>POST /api/checkout</c> on PostgreSQL ÷ pgbench TPS of the equivalent SQL transaction.</summary>
    public const double Checkout = 0.6;

    /// <summary>B4, claims and checkouts alike: requests/s with group commit ÷ requests/s with one transaction per claim or module write (batch 1).</summary>
    public const double GroupCommit = 10;
}
