using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Emporium.IntegrationTests.Checkout;
using Emporium.IntegrationTests.Infrastructure;
using Emporium.IntegrationTests.Orders;

namespace Emporium.IntegrationTests.ScaleOut;

/// <summary>What the multi-instance test's buyers and shoppers do, request by request, across instances.</summary>
internal static class Shop
{
    /// <summary>
    /// A flash-sale buyer presses buy on instance <paramref name="index"/> (modulo the count) until told no for
    /// good (409 limit, 410 sold out). A 503 is retried; an instance that dies mid-request acknowledged
    /// nothing, and the buyer moves to the next one. Any other answer is recorded in <paramref name="wrong"/>.
    /// </summary>
    public static async Task BuyUntilRefusedAsync(
        Deployment deployment,
        int index,
        MintedUsers.Minted buyer,
        string saleId,
        ConcurrentBag<(string UserId, string ClaimId)> claims,
        ConcurrentBag<string> wrong,
        bool skipDead = false)
    {
        var instance = index;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (skipDead && deployment.Instances[instance % deployment.Instances.Count].HasExited)
            {
                instance++;
                continue;
            }

            try
            {
                using var request = buyer.Request(HttpMethod.Post, $"/api/flash-sales/{saleId}/purchase");
                using var response = await deployment.Shared(instance).SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                switch ((int)response.StatusCode)
                {
                    case 201:
                        claims.Add((buyer.UserId, JsonDocument.Parse(body).RootElement.GetProperty("claimId").GetString()!));
                        break;
                    case 503:
                        await Task.Delay(20);
                        break;
                    case 409 or 410:
                        return;
                    default:
                        wrong.Add($"{(int)response.StatusCode} from instance {instance % deployment.Instances.Count}: {body}");
                        return;
                }
            }
            catch (HttpRequestException)
            {
                instance++; // the instance is gone: this attempt's answer never came, so it acknowledged nothing
            }
        }

        wrong.Add($"buyer {buyer.UserId} was never told no");
    }

    /// <summary>
    /// A shopper signs in on one instance, fills the cart there, checks out on the other (the cart and the
    /// token must be shared), and every second shopper cancels the order back on the first.
    /// </summary>
    public static async Task<(string OrderId, bool Cancelled)> OrderAndMaybeCancelAsync(Deployment deployment, int index, TestUsers.SignedIn shopper, string skuId)
    {
        using var first = await deployment.Instances[index % 2].SignedInClientAsync(shopper.Email, TestUsers.Password);
        using var second = deployment.Client((index + 1) % 2, first.DefaultRequestHeaders.Authorization);
        using (var added = await first.PutAsJsonAsync($"/api/cart/items/{skuId}", new { quantity = 1 + (index % 2) }))
        {
            ((int)added.StatusCode).ShouldBe(200, await added.Content.ReadAsStringAsync());
        }

        var paymentToken = await CheckoutApi.TokenAsync(second, TestCards.Approves);
        using var checkout = await CheckoutApi.PostAsync(second, Guid.NewGuid().ToString("N"), new { shippingAddress = CheckoutApi.Address, paymentToken });
        var body = await checkout.Content.ReadAsStringAsync();
        ((int)checkout.StatusCode).ShouldBe(201, body);
        var orderId = JsonDocument.Parse(body).RootElement.GetProperty("orderId").GetString()!;
        if (index % 2 == 1)
        {
            return (orderId, false);
        }

        var (status, order) = await OrdersApi.CancelAsync(first, orderId);
        (status, order.Status()).ShouldBe((200, "cancelled"), order.ToString());
        return (orderId, true);
    }
}
