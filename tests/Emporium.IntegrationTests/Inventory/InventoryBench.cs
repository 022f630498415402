using Dapper;
using Emporium.BuildingBlocks.Messaging;
using Emporium.BuildingBlocks.Persistence;
using Emporium.Inventory;
using Emporium.Inventory.Adjusting;
using Emporium.Inventory.Reservations;
using Emporium.Inventory.Stock;
using Emporium.Inventory.Warehouses;
using Emporium.IntegrationTests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Emporium.IntegrationTests.Inventory;

/// <summary>
/// The inventory module alone — its services, its schema and the outbox's — on a fresh database and a
/// clock the test moves, without a web host: thousands of small runs cost milliseconds each. SQLite
/// lives in /dev/shm when there is one (a test database needs no durable fsync).
/// </summary>
internal sealed class InventoryBench : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly TestDatabase? _postgres;
    private readonly string? _sqliteDirectory;

    private InventoryBench(ServiceProvider services, FakeTimeProvider clock, TestDatabase? postgres, string? sqliteDirectory)
    {
        _services = services;
        Clock = clock;
        _postgres = postgres;
        _sqliteDirectory = sqliteDirectory;
    }

    public FakeTimeProvider Clock { get; }

    public Database Database => _services.GetRequiredService<Database>();

    public StockReservations Reservations => _services.GetRequiredService<StockReservations>();

    public StockAdjustments Adjustments => _services.GetRequiredService<StockAdjustments>();

    public ReservationExpiry Expiry => _services.GetRequiredService<ReservationExpiry>();

    /// <summary>Warehouse ids created by <see cref="WarehousesAsync"/>.</summary>
    public List<long> WarehouseIds { get; } = [];

    /// <summary>A bench on <paramref name="engine"/> (<c>sqlite</c> or <c>postgres</c>); PostgreSQL connections capped at <paramref name="maxPoolSize"/>.</summary>
    public static async Task<InventoryBench> StartAsync(string engine, int maxPoolSize = 20)
    {
        TestDatabase? postgres = null;
        string? directory = null;
        Dictionary<string, string?> settings;
        if (engine == "postgres")
        {
            postgres = await TestDatabase.PostgresAsync();
            settings = new(postgres.Settings);
            // A good neighbour on a server the rest of the suite shares: the SKU lock serialises the work anyway.
            settings["ConnectionStrings:Postgres"] = new Npgsql.NpgsqlConnectionStringBuilder(settings["ConnectionStrings:Postgres"]) { MaxPoolSize = maxPoolSize }.ConnectionString;
        }
        else
        {
            var root = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
            directory = Path.Combine(root, "emporium-inventory-" + Guid.NewGuid().ToString("N"));
            settings = new() { ["Emporium:DataDirectory"] = directory, ["ConnectionStrings:Postgres"] = "" };
        }

        settings["Emporium:DemoData"] = "false";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<TimeProvider>(clock);
        services.AddEmporiumPersistence(configuration);
        services.AddEmporiumMessaging();
        services.AddInventoryModule(EmporiumOptions.From(configuration), configuration);
        var bench = new InventoryBench(services.BuildServiceProvider(), clock, postgres, directory);
        await bench._services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
        return bench;
    }

    /// <summary>Another instance of the reservation service with its own writer, as another host process would have.</summary>
    public StockReservations AnotherInstance() =>
        new(new InventoryWriter(Database, _services.GetRequiredService<IOutbox>(), Clock), Database, _services.GetRequiredService<InventorySettings>(), Clock);

    /// <summary>Adds warehouses: (latitude, longitude, countries) each.</summary>
    public async Task WarehousesAsync(params (double Latitude, double Longitude, string[] ShipsTo)[] warehouses)
    {
        await using var connection = await Database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        foreach (var (latitude, longitude, shipsTo) in warehouses)
        {
            var created = await WarehouseStore.InsertAsync(
                connection, transaction, new NewWarehouse("W" + Guid.NewGuid().ToString("N"), latitude, longitude, shipsTo), Clock.GetUtcNow(), CancellationToken.None);
            WarehouseIds.Add(created!.Id);
        }

        await transaction.CommitAsync();
    }

    /// <summary>Empties stock, ledger, reservations, keys and the outbox; warehouses stay.</summary>
    public async Task ResetAsync()
    {
        await using var connection = await Database.OpenAsync();
        await connection.ExecuteAsync("""
            DELETE FROM inventory_adjustment_requests;
            DELETE FROM inventory_movements;
            DELETE FROM inventory_reservation_lines;
            DELETE FROM inventory_reservations;
            DELETE FROM inventory_stock;
            DELETE FROM outbox_messages;
            """);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        if (_sqliteDirectory is not null && Directory.Exists(_sqliteDirectory))
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(_sqliteDirectory, recursive: true);
        }
    }
}
