using System.Globalization;
using Emporium.Bench.Api;
using Emporium.Bench.Load;
using Npgsql;

namespace Emporium.Bench.FlashSale;

/// <summary>
/// B2's sales besides (a)'s: the sale at the per-user limit that (b) hammers, and the sell-out at the end
/// that must leave exactly its units claimed. Counts come from the admin route, the PostgreSQL table and
/// the gate in Redis, and must agree.
/// </summary>
internal sealed class RedisSaleChecks(ApiClient api, SaleDesk desk, StoredClaims stored, GateBaseline gates, string postgres)
{
    /// <summary>A sale of <paramref name="units"/>, limit 1, where each of <paramref name="buyers"/> has claimed its one unit (201 each).</summary>
    public async Task<string> LimitSaleAsync(int units, IReadOnlyList<Buyer> buyers, CancellationToken cancellationToken)
    {
        var sale = await desk.CreateSaleAsync(units, 1, cancellationToken);
        await Parallel.ForEachAsync(buyers, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (buyer, ct) =>
        {
            var answer = await api.SendAsync(HttpMethod.Post, $"/api/flash-sales/{sale}/purchase", ct, bearer: buyer.Token);
            if (answer.Code != 201)
            {
                throw new InvariantException($"Setting up (b): {buyer.UserId}'s first purchase on sale {sale} answered {answer.Code}: {answer.Body?.GetRawText()}");
            }
        });
        return sale;
    }

    /// <summary>After every 409: still one claim per buyer, no more, and the gate agrees with storage.</summary>
    public async Task<string> VerifyLimitSaleAsync(string sale, int units, int buyers, long refusals, CancellationToken cancellationToken)
    {
        var (claims, rows, perBuyer, remaining) = await CountAsync(sale, cancellationToken);
        if (claims != buyers || rows != buyers || perBuyer != 1 || remaining != units - buyers)
        {
            throw new InvariantException(
                $"(b) sale {sale} after {refusals:N0} answers 409: {claims:N0} claims by the admin route, {rows:N0} rows, at most {perBuyer} per buyer, {remaining} left in Redis (expected {buyers:N0}, {buyers:N0}, 1, {units - buyers:N0}).");
        }

        return $"(b) sale {sale} ({units:N0} units, limit 1): after {refusals:N0} answers 409 it holds exactly {buyers:N0} claims, one per buyer (admin route and {stored.Source} agree), and its gate in Redis has {remaining:N0} units left";
    }

    /// <summary>
    /// A sale of <paramref name="units"/> (limit <paramref name="limit"/>) under wrk's load by every buyer for a
    /// few seconds, well past its sell-out: every answer 201, 409 or 410 (no 5xx), and exactly its units claimed.
    /// </summary>
    public async Task<(LoadSample Sample, string Check)> SellOutAsync(Wrk wrk, string tokenFile, int units, int limit, int seconds, CancellationToken cancellationToken)
    {
        var sale = await desk.CreateSaleAsync(units, limit, cancellationToken);
        var sample = await wrk.RunAsync("sell-out", new WrkRequest("purchase", tokenFile, sale), cancellationToken, seconds);
        sample.Expect($"sell-out of sale {sale}", 201, 409, 410);
        var counted = await CountAsync(sale, cancellationToken);
        for (var tries = 0; tries < 50 && counted.Claims != units; tries++)
        {
            await Task.Delay(200, cancellationToken); // the last claims may still be in a batch being committed
            counted = await CountAsync(sale, cancellationToken);
        }

        var (claims, rows, perBuyer, remaining) = counted;
        var (status, shown) = await desk.PublicViewAsync(sale, cancellationToken);
        if (claims != units || rows != units || perBuyer > limit || remaining != 0 || sample.Count(201) > units)
        {
            throw new InvariantException(
                $"Sell-out of sale {sale} ({units:N0} units, limit {limit}): {sample.Count(201):N0} answers 201, {claims:N0} claims by the admin route, {rows:N0} rows, at most {perBuyer} per buyer, {remaining} left in Redis.");
        }

        return (sample, $"sell-out: sale {sale} of {units:N0} units (limit {limit} per buyer) under wrk for {seconds} s by every buyer — {sample.StatusText()} (no other status, no socket error) — "
            + $"holds exactly {units:N0} claims (admin route and {stored.Source} agree), at most {perBuyer} per buyer, 0 left in its Redis gate, and shows remaining {shown} ({status})");
    }

    private async Task<(long Claims, long Rows, long PerBuyer, long Remaining)> CountAsync(string sale, CancellationToken cancellationToken)
    {
        var claims = (await desk.ClaimsAsync(sale, cancellationToken)).Holding;
        var rows = stored.Count([sale]) ?? -1;
        long perBuyer;
        await using (var connection = new NpgsqlConnection(postgres))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(
                "SELECT COALESCE(MAX(n), 0) FROM (SELECT COUNT(*) AS n FROM flashsales_claims WHERE sale_id = @sale GROUP BY user_id) per_buyer", connection);
            command.Parameters.AddWithValue("sale", long.Parse(sale, CultureInfo.InvariantCulture));
            perBuyer = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }

        var remaining = await gates.Cli.NumberAsync(cancellationToken, "HGET", gates.Keys(long.Parse(sale, CultureInfo.InvariantCulture)).Gate, "remaining");
        return (claims, rows, perBuyer, remaining);
    }
}
