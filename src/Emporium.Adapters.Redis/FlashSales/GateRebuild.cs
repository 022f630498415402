using System.Globalization;
using Dapper;
using Emporium.Adapters.Redis.Connection;
using Emporium.BuildingBlocks.Persistence;
using Emporium.FlashSales.Buying;
using Emporium.FlashSales.Sales;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Emporium.Adapters.Redis.FlashSales;

/// <summary>
/// Builds a sale's gate in Redis from PostgreSQL, the truth: under the sale row's update lock it takes a
/// new epoch, counts the units each buyer holds, installs that generation in Redis and only then commits.
/// </summary>
/// <remarks>
/// The lock orders the rebuild with every claim batch (which reads the epoch under a share lock, see
/// <c>ClaimFence</c>) and every give-back: each either commits before the count (and is counted) or waits and
/// then sees the new epoch. Installing before the commit means that no claim is ever granted from a generation
/// storage did not count; if the commit fails after the install, storage never accepts that generation's
/// claims and the first refused one drops it. Epochs come from a sequence, so even a rolled-back rebuild's
/// number is never reused, and Redis keeps only the newest generation.
/// </remarks>
internal sealed class GateRebuild(Database database, RedisStore redis, TimeProvider clock, ILogger<GateRebuild> logger)
{
    /// <summary>
    /// Rebuilds unless Redis already holds the generation storage knows (another instance just did it), or
    /// unconditionally with <paramref name="force"/> (the reconciliation pass found units missing). Answers the
    /// units left in the generation it installed, or null when it installed none.
    /// </summary>
    public async Task<int?> RebuildAsync(FlashSale sale, bool force, CancellationToken cancellationToken)
    {
        var keys = GateKeys.Of(redis, sale.Id);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var stored = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT gate_epoch FROM flashsales_sales WHERE id = @id FOR UPDATE", new { id = sale.Id }, transaction, cancellationToken: cancellationToken));
        if (!force && stored != 0 && (long?)await redis.Database.HashGetAsync(keys[0], "epoch") == stored)
        {
            return null;
        }

        var epoch = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "UPDATE flashsales_sales SET gate_epoch = nextval('flashsales_gate_epochs') WHERE id = @id RETURNING gate_epoch",
            new { id = sale.Id },
            transaction,
            cancellationToken: cancellationToken));
        var held = await GateRows.HeldByBuyerAsync(connection, sale.Id, cancellationToken);
        var remaining = Math.Max(0, sale.Quantity - held.Sum(h => h.Value));

        // Kept until the sale can no longer be paid for, and a day more: an idle gate costs little.
        var ttl = Math.Max((long)TimeSpan.FromHours(1).TotalMilliseconds, (sale.SettlesAt - clock.GetUtcNow() + TimeSpan.FromDays(1)).Ticks / TimeSpan.TicksPerMillisecond);
        var arguments = new List<RedisValue>(6 + (2 * held.Count))
        {
            epoch, remaining, sale.PerUserLimit, sale.StartsAt.ToUnixTimeMilliseconds(), sale.EndsAt.ToUnixTimeMilliseconds(), ttl,
        };
        foreach (var (userId, count) in held)
        {
            arguments.Add(userId);
            arguments.Add(count);
        }

        var installed = (int)await redis.Database.ScriptEvaluateAsync(GateScripts.Install, keys, [.. arguments]) == 1;
        await transaction.CommitAsync(cancellationToken);
        if (!installed)
        {
            return null;
        }

        logger.LogInformation(
            "Rebuilt the Redis stock gate of flash sale {SaleId} from storage as generation {Epoch}: {Remaining} of {Quantity} units left",
            sale.Id, epoch.ToString(CultureInfo.InvariantCulture), remaining, sale.Quantity);
        return remaining;
    }
}
