using Dapper;
using Emporium.BuildingBlocks.Messaging;
using Emporium.BuildingBlocks.Persistence;
using Emporium.Contracts.Orders;
using Microsoft.Extensions.DependencyInjection;

namespace Emporium.IntegrationTests.Payments;

/// <summary>Publishes <see cref="OrderCancelled"/> as the orders module does (the outbox, in a transaction) and waits for the results.</summary>
internal static class PaymentsEvents
{
    public static OrderCancelled Cancelled(string paymentId, string? orderId = null) =>
        new(orderId ?? "ord_" + Guid.NewGuid().ToString("N"), "user-test", OrderStatus.Paid, paymentId, "res_" + Guid.NewGuid().ToString("N"), "customer asked")
        {
            OccurredAt = DateTimeOffset.UtcNow,
        };

    public static async Task PublishAsync(IServiceProvider services, OrderCancelled message)
    {
        var database = services.GetRequiredService<Database>();
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await services.GetRequiredService<IOutbox>().EnqueueAsync(connection, transaction, message, CancellationToken.None);
        await transaction.CommitAsync();
    }

    /// <summary>Marks a delivered message undelivered, as if the relay had crashed before recording it; the relay delivers it again.</summary>
    public static async Task RedeliverAsync(IServiceProvider services, OrderCancelled message)
    {
        await DeliveredAsync(services, message);
        await using var connection = await services.GetRequiredService<Database>().OpenAsync();
        (await connection.ExecuteAsync(
            "UPDATE outbox_messages SET processed_at = NULL, leased_until = NULL WHERE id = @id", new { id = message.Id.ToString("N") })).ShouldBe(1);
    }

    /// <summary>Waits until the relay has delivered <paramref name="message"/> to every consumer.</summary>
    public static Task DeliveredAsync(IServiceProvider services, OrderCancelled message) =>
        EventuallyAsync(async () =>
        {
            await using var connection = await services.GetRequiredService<Database>().OpenAsync();
            return await connection.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM outbox_messages WHERE id = @id AND processed_at IS NOT NULL", new { id = message.Id.ToString("N") }) == 1;
        });

    /// <summary>The cancellation request payments recorded for the order: (attempts, outcome), or null.</summary>
    public static async Task<(long Attempts, string? Outcome)?> RequestAsync(IServiceProvider services, string orderId)
    {
        await using var connection = await services.GetRequiredService<Database>().OpenAsync();
        var rows = (await connection.QueryAsync<(long Attempts, string? Outcome)>(
            "SELECT attempts, outcome FROM payments_cancellations WHERE order_id = @orderId", new { orderId })).ToList();
        return rows.Count == 0 ? null : rows.Single();
    }

    public static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the condition did not come true in time");
            await Task.Delay(50);
        }
    }
}
