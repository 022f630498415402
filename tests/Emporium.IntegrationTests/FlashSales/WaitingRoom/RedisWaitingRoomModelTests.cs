using Emporium.Adapters.Redis.Connection;
using Emporium.Adapters.Redis.WaitingRoom;
using Emporium.FlashSales;
using Emporium.FlashSales.Sales;
using Emporium.FlashSales.WaitingRoom;
using Emporium.IntegrationTests.Infrastructure;

namespace Emporium.IntegrationTests.FlashSales.WaitingRoom;

/// <summary>
/// The Redis waiting room against the embedded one as its model: the same random joins and looks at the
/// same random times must give the same places (admitted, ahead, estimated wait to the tick) and the same
/// refusals. A failing seed is printed and replays alone.
/// </summary>
public sealed class RedisWaitingRoomModelTests : IDisposable
{
    private readonly RedisStore _redis = new(new RedisSettings(TestDatabase.RedisConfiguration, $"room-model-{Guid.NewGuid():N}:"));

    public void Dispose() => _redis.Dispose();

    private static FlashSale Sale(long id, DateTimeOffset startsAt, int quantity, int admitPerSecond) =>
        new(id, "sku-1", 500, "USD", quantity, 1, "US", startsAt, startsAt.AddMinutes(10), startsAt.AddMinutes(50), admitPerSecond, SaleStatus.Open, "allotment-1");

    [Fact]
    public async Task The_Redis_room_places_every_ticket_where_the_in_process_room_does()
    {
        for (var seed = 1; seed <= 40; seed++)
        {
            try
            {
                await ReplayAsync(seed);
            }
            catch (Exception failure) when (failure is not OutOfMemoryException)
            {
                throw new InvalidOperationException($"Seed {seed} diverged: {failure.Message}", failure);
            }
        }
    }

    private async Task ReplayAsync(int seed)
    {
        var random = new Random(seed);
        var settings = new FlashSalesSettings();
        // Start on an odd tick so sub-millisecond arithmetic is exercised too.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero).AddTicks(random.Next(1, 10_000_000)));
        var sale = Sale(seed, clock.GetUtcNow() + TimeSpan.FromMilliseconds(random.Next(0, 3000)), random.Next(1, 6), random.Next(1, 40));
        var model = new InProcessWaitingRoom(settings, clock);
        var redis = new RedisWaitingRoom(_redis, settings, clock);
        var buyers = Enumerable.Range(0, (sale.Quantity * settings.QueueCapFactor) + 3).Select(b => $"buyer-{b}").ToList();
        var tickets = new Dictionary<string, (string Model, string Redis)>(StringComparer.Ordinal);

        for (var step = 0; step < 80; step++)
        {
            var buyer = buyers[random.Next(buyers.Count)];
            switch (random.Next(4))
            {
                case 0:
                    clock.Advance(TimeSpan.FromTicks(random.NextInt64(0, 8_000_000)));
                    break;
                case 1 or 2:
                    var expected = await model.JoinAsync(sale, buyer, CancellationToken.None);
                    var actual = await redis.JoinAsync(sale, buyer, CancellationToken.None);
                    actual.IsSuccess.ShouldBe(expected.IsSuccess, $"step {step}: join by {buyer}");
                    if (!expected.IsSuccess)
                    {
                        actual.Error.ShouldBe(expected.Error);
                        break;
                    }

                    Same(actual.Value, expected.Value, $"step {step}: join by {buyer}");
                    tickets[buyer] = (expected.Value.Ticket, actual.Value.Ticket);
                    break;
                default:
                    // The buyer's own ticket, or (when they hold none) someone else's: not theirs, so not found.
                    var holder = tickets.ContainsKey(buyer) ? buyer : tickets.Keys.FirstOrDefault();
                    if (holder is null)
                    {
                        break;
                    }

                    var seen = await model.FindAsync(sale, buyer, tickets[holder].Model, CancellationToken.None);
                    var found = await redis.FindAsync(sale, buyer, tickets[holder].Redis, CancellationToken.None);
                    if (seen is null)
                    {
                        found.ShouldBeNull($"step {step}: {buyer} looking at {holder}'s ticket");
                        break;
                    }

                    Same(found.ShouldNotBeNull($"step {step}: look by {buyer}"), seen, $"step {step}: look by {buyer}");
                    break;
            }
        }
    }

    private static void Same(QueuePlace actual, QueuePlace expected, string what) =>
        (actual.IsNew, actual.IsAdmitted, actual.Ahead, actual.EstimatedWait).ShouldBe((expected.IsNew, expected.IsAdmitted, expected.Ahead, expected.EstimatedWait), what);

    [Fact]
    public async Task Every_key_of_a_sale_carries_its_hash_tag_and_expires_an_hour_after_the_sale_ends()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var sale = Sale(4242, clock.GetUtcNow().AddMinutes(1), quantity: 3, admitPerSecond: 2);
        var room = new RedisWaitingRoom(_redis, new FlashSalesSettings(), clock);
        await room.JoinAsync(sale, "ann", CancellationToken.None);
        await room.JoinAsync(sale, "bob", CancellationToken.None);

        var multiplexer = _redis.Database.Multiplexer;
        var server = multiplexer.GetServer(multiplexer.GetEndPoints()[0]);
        var keys = server.Keys(pattern: _redis.KeyPrefix + "*").ToList();
        keys.Count.ShouldBe(3);
        foreach (var key in keys)
        {
            ((string)key!).ShouldStartWith(_redis.KeyPrefix + "{sale:4242}:");
            var ttl = (await _redis.Database.KeyTimeToLiveAsync(key)).ShouldNotBeNull();
            var expected = sale.EndsAt - clock.GetUtcNow() + TimeSpan.FromHours(1);
            ttl.ShouldBeInRange(expected - TimeSpan.FromSeconds(5), expected);
        }
    }
}
