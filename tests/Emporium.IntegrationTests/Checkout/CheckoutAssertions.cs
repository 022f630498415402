using Dapper;
using Emporium.Checkout.Storage;
using Emporium.Contracts.Inventory;
using Emporium.Contracts.Orders;
using Emporium.Contracts.Payments;
using Emporium.IntegrationTests.Infrastructure;
using Emporium.IntegrationTests.Inventory;
using Microsoft.Extensions.DependencyInjection;

namespace Emporium.IntegrationTests.Checkout;

/// <summary>
/// What a finished checkout must have left behind, read from each module: a completed saga sold exactly
/// what it charged for; a compensated one holds, charges and opens nothing.
/// </summary>
internal static class CheckoutAssertions
{
    /// <summary>The user's only checkout, as its saga table has it.</summary>
    public static async Task<SagaRecord> SagaOfAsync(EmporiumApp app, string userId)
    {
        await using var connection = await app.Database.OpenAsync();
        var ids = (await connection.QueryAsync<string>("SELECT checkout_id FROM checkout_sagas WHERE user_id = @userId", new { userId })).ToList();
        ids.Count.ShouldBe(1, "one checkout per buyer in these tests");
        return (await app.Services.GetRequiredService<SagaStore>().LoadAsync(ids[0], CancellationToken.None))!;
    }

    public static async Task<int> SagaCountAsync(EmporiumApp app, string userId)
    {
        await using var connection = await app.Database.OpenAsync();
        return await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM checkout_sagas WHERE user_id = @userId", new { userId });
    }

    /// <summary>Order paid, payment captured for the quoted total, reservation committed.</summary>
    public static async Task CompletedAsync(EmporiumApp app, SagaRecord saga)
    {
        var state = saga.State;
        state.Completed.ShouldBeTrue();
        var order = await app.Services.GetRequiredService<IOrderPlacement>().GetAsync(state.OrderId!, CancellationToken.None);
        order.Value.Status.ShouldBe(OrderStatus.Paid);
        order.Value.Total.ShouldBe(state.Quote!.Total);
        var payment = await app.Services.GetRequiredService<IPayments>().GetAsync(state.PaymentId!, CancellationToken.None);
        payment.Value.Status.ShouldBe(PaymentStatus.Captured);
        payment.Value.CapturedAmount.ShouldBe(state.Quote.Total);
        payment.Value.RefundedAmount.ShouldBe(0);
        var reservation = await app.Services.GetRequiredService<IStockReservations>().GetAsync(state.ReservationId!, CancellationToken.None);
        reservation.Value.Status.ShouldBe(ReservationStatus.Committed);
        (await LedgerAssertions.ViolationsAsync(app.Database)).ShouldBeEmpty();
    }

    /// <summary>No order left open, no money held or kept, no stock held or sold.</summary>
    public static async Task CompensatedAsync(EmporiumApp app, SagaRecord saga)
    {
        var state = saga.State;
        state.Compensated.ShouldBeTrue();
        state.Failure.ShouldNotBeNull();
        var orderId = Emporium.Checkout.Saga.CheckoutIds.OrderId(state.CheckoutId);
        var order = await app.Services.GetRequiredService<IOrderPlacement>().GetAsync(orderId, CancellationToken.None);
        if (order.IsSuccess)
        {
            order.Value.Status.ShouldBe(OrderStatus.Cancelled);
        }

        if (state.PaymentId is { } paymentId)
        {
            var payment = (await app.Services.GetRequiredService<IPayments>().GetAsync(paymentId, CancellationToken.None)).Value;
            payment.Status.ShouldBeOneOf(PaymentStatus.Voided, PaymentStatus.Failed, PaymentStatus.Refunded);
            payment.RefundedAmount.ShouldBe(payment.CapturedAmount, "whatever was captured was given back");
        }

        if (state.ReservationId is { } reservationId)
        {
            var reservation = await app.Services.GetRequiredService<IStockReservations>().GetAsync(reservationId, CancellationToken.None);
            reservation.Value.Status.ShouldBeOneOf(ReservationStatus.Released, ReservationStatus.Returned, ReservationStatus.Expired);
        }

        (await LedgerAssertions.ViolationsAsync(app.Database)).ShouldBeEmpty();
    }

    /// <summary>Across every payment the app knows: a captured one belongs to a paid order, or was refunded.</summary>
    public static async Task NoCaptureWithoutPaidOrderAsync(EmporiumApp app)
    {
        await using var connection = await app.Database.OpenAsync();
        var sagas = await connection.QueryAsync<string>("SELECT checkout_id FROM checkout_sagas");
        var store = app.Services.GetRequiredService<SagaStore>();
        foreach (var checkoutId in sagas)
        {
            var state = (await store.LoadAsync(checkoutId, CancellationToken.None))!.State;
            if (state.PaymentId is null)
            {
                continue;
            }

            var payment = (await app.Services.GetRequiredService<IPayments>().GetAsync(state.PaymentId, CancellationToken.None)).Value;
            if (payment.CapturedAmount > payment.RefundedAmount)
            {
                var order = await app.Services.GetRequiredService<IOrderPlacement>().GetAsync(state.OrderId ?? "none", CancellationToken.None);
                order.IsSuccess.ShouldBeTrue($"{checkoutId}: captured {payment.CapturedAmount} without an order");
                order.Value.Status.ShouldBe(OrderStatus.Paid, $"{checkoutId}: money kept for an order that is not paid");
            }
        }
    }
}
