using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Dapper;
using Emporium.BuildingBlocks.Persistence;
using Emporium.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Emporium.IntegrationTests.Payments;

/// <summary>
/// Card numbers and CVCs go nowhere: after tokenizing, authorizing, capturing and refunding (and after
/// refused cards), no value in any column of any table, no byte of the SQLite files, and no log line
/// holds a card number or the CVC. A database of its own, so only this test's data is there.
/// </summary>
public abstract partial class CardDataScanTests : IAsyncLifetime
{
    // A CVC no amount, count or id of this test can equal; ids and hashes contain it only inside longer tokens.
    private const string Cvc = "7351";
    private static readonly string[] Numbers = [PaymentsKit.Visa, PaymentsKit.Mastercard, "4111111111111111", "4242424242424241"];
    private readonly LogCapture _logs = new();
    private TestDatabase _database = null!;
    private EmporiumApp _app = null!;

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        _app = new EmporiumApp(
            new Dictionary<string, string?>(_database.Settings) { ["Emporium:DemoData"] = "false" },
            services => services.AddSingleton<ILoggerProvider>(_logs));
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task No_table_file_or_log_holds_a_card_number_or_the_cvc()
    {
        var kit = new PaymentsKit(_app);
        var visa = await kit.TokenAsync("4242 4242 4242 4242", Cvc);
        var mastercard = await kit.TokenAsync(PaymentsKit.Mastercard, Cvc);
        var captured = PaymentsKit.Ok(await kit.AuthorizeAsync(PaymentsKit.Authorization(visa, 2_000)));
        PaymentsKit.Ok(await kit.Payments.CaptureAsync(captured.PaymentId, PaymentsKit.NewKey(), CancellationToken.None));
        PaymentsKit.Ok(await kit.Payments.RefundAsync(captured.PaymentId, 500, PaymentsKit.NewKey(), CancellationToken.None));
        PaymentsKit.Ok(await kit.AuthorizeAsync(PaymentsKit.Authorization(mastercard, 3_000)));
        using (var realCard = await kit.TokenizeAsync(PaymentsKit.Card("4111111111111111", cvc: Cvc)))
        {
            ((int)realCard.StatusCode).ShouldBe(422);
        }

        using (var mistyped = await kit.TokenizeAsync(PaymentsKit.Card("4242424242424241", cvc: Cvc)))
        {
            ((int)mistyped.StatusCode).ShouldBe(400);
        }

        var values = await AllValuesAsync(_app.Database);

        // The scan sees the payments tables: the card is there by brand and last four digits.
        values.ShouldContain(v => v.Table == "payments_sandbox_tokens" && v.Value == "4242");
        values.ShouldContain(v => v.Table == "payments_payments" && v.Value == "4444");
        foreach (var (table, column, value) in values)
        {
            foreach (var number in Numbers)
            {
                Digits(value).ShouldNotContain(number, customMessage: $"{table}.{column}");
            }

            StandaloneCvc().IsMatch(value).ShouldBeFalse($"{table}.{column} = {value}");
        }

        if (_app.Database.SqliteFile is { } file)
        {
            foreach (var path in new[] { file, file + "-wal" }.Where(File.Exists))
            {
                var bytes = Encoding.Latin1.GetString(await ReadSharedAsync(path));
                foreach (var number in Numbers)
                {
                    bytes.ShouldNotContain(number, customMessage: path);
                }
            }
        }

        _logs.Lines.ShouldNotBeEmpty();
        foreach (var line in _logs.Lines)
        {
            foreach (var number in Numbers)
            {
                Digits(line).ShouldNotContain(number);
            }

            StandaloneCvc().IsMatch(line).ShouldBeFalse(line);
        }
    }

    /// <summary>Every value of every column of every table, as text.</summary>
    private static async Task<List<(string Table, string Column, string Value)>> AllValuesAsync(Database database)
    {
        await using var connection = await database.OpenAsync();
        var tables = (await connection.QueryAsync<string>(database.IsPostgres
            ? "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
            : "SELECT name FROM sqlite_master WHERE type = 'table'")).ToList();
        tables.ShouldContain("payments_sandbox_tokens");
        tables.ShouldContain("payments_payments");
        var values = new List<(string, string, string)>();
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            await using DbDataReader reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (!await reader.IsDBNullAsync(i))
                    {
                        var value = reader.GetValue(i);
                        var text = value is byte[] blob ? Encoding.Latin1.GetString(blob) : Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
                        values.Add((table, reader.GetName(i), text));
                    }
                }
            }
        }

        return values;
    }

    /// <summary>The text with spaces and hyphens taken out, so "4242 4242 4242 4242" is found too.</summary>
    private static string Digits(string text) => text.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);

    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var memory = new MemoryStream();
        await stream.CopyToAsync(memory);
        return memory.ToArray();
    }

    [GeneratedRegex("(?<![0-9A-Za-z])" + Cvc + "(?![0-9A-Za-z])")]
    private static partial Regex StandaloneCvc();

    /// <summary>Every log line the host writes, at every level, with its exception.</summary>
    private sealed class LogCapture : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(LogCapture owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Lines.Enqueue($"{category}: {formatter(state, exception)} {exception}");
        }
    }
}

public sealed class SqliteCardDataScanTests : CardDataScanTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());
}

public sealed class PostgresCardDataScanTests : CardDataScanTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync();
}
