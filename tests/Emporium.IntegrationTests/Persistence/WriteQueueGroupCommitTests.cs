using System.Data.Common;
using Dapper;
using Emporium.BuildingBlocks.Persistence;

namespace Emporium.IntegrationTests.Persistence;

/// <summary>
/// Group commit in <see cref="WriteQueue"/> on a real SQLite file: writes that wait together share one
/// transaction, yet each keeps its own outcome — a write that fails or does not commit leaves nothing,
/// the others stay, and nobody hears "done" before the shared commit is on disk.
/// </summary>
public sealed class WriteQueueGroupCommitTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "emporium-group-commit-" + Guid.NewGuid().ToString("N"));
    private Database _database = null!;

    public async Task InitializeAsync()
    {
        _database = Open(EmporiumOptions.DefaultSqliteWriteBatchSize);
        await using var connection = await _database.OpenAsync();
        await connection.ExecuteAsync(
            """
            CREATE TABLE parents (id TEXT PRIMARY KEY);
            CREATE TABLE notes (id TEXT PRIMARY KEY, parent_id TEXT REFERENCES parents (id) DEFERRABLE INITIALLY DEFERRED);
            INSERT INTO parents (id) VALUES ('p');
            """);
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Writes_that_wait_together_commit_in_one_transaction_and_all_stay()
    {
        var queue = new WriteQueue(_database);
        var (first, release) = await HoldTheQueueAsync(queue);
        var waiting = Enumerable.Range(0, 40).Select(i => InsertAsync(queue, $"n{i}")).ToList();

        release();
        await first;
        await Task.WhenAll(waiting);

        queue.Committed.ShouldBe((2L, 41L), "the held write alone, then the forty that queued behind it together");
        (await CountAsync()).ShouldBe(41);
    }

    [Fact]
    public async Task A_write_that_throws_or_does_not_commit_leaves_nothing_and_the_rest_of_its_group_stays()
    {
        var queue = new WriteQueue(_database);
        var (first, release) = await HoldTheQueueAsync(queue);
        var before = InsertAsync(queue, "before");
        var throws = queue.RunAsync<int>(
            async write =>
            {
                await InsertRowAsync(write, "thrower");
                throw new InvalidOperationException("refused half-way");
            },
            CancellationToken.None);
        var undecided = queue.RunAsync(async write => await InsertRowAsync(write, "undecided"), CancellationToken.None);
        var after = InsertAsync(queue, "after");

        release();
        await Task.WhenAll(first, before, after);

        (await Should.ThrowAsync<InvalidOperationException>(throws)).Message.ShouldBe("refused half-way");
        (await undecided).ShouldBe(1, "its answer is its own, even though its row is not kept");
        (await IdsAsync()).ShouldBe(["after", "before", "held"]);
        queue.Committed.ShouldBe((2L, 3L));
    }

    [Fact]
    public async Task A_write_that_rolls_back_still_reads_what_the_writes_before_it_in_its_group_did()
    {
        var queue = new WriteQueue(_database);
        var (first, release) = await HoldTheQueueAsync(queue);
        var before = InsertAsync(queue, "before");
        var seen = queue.RunAsync(
            async write =>
            {
                await InsertRowAsync(write, "undone");
                await write.RollbackAsync(CancellationToken.None);
                return (await write.Connection.QueryAsync<string>("SELECT id FROM notes ORDER BY id", transaction: write.ReadTransaction)).ToList();
            },
            CancellationToken.None);

        release();
        await Task.WhenAll(first, before);

        (await seen).ShouldBe(["before", "held"]);
        (await IdsAsync()).ShouldBe(["before", "held"]);
    }

    [Fact]
    public async Task Nobody_hears_done_before_the_shared_commit_and_if_it_fails_nobody_in_the_group_is_stored()
    {
        var queue = new WriteQueue(_database);
        var (first, release) = await HoldTheQueueAsync(queue);
        var good = Enumerable.Range(0, 10).Select(i => InsertAsync(queue, $"good{i}")).ToList();

        // Valid inside its savepoint; the deferred foreign key is checked only by the group's commit.
        var orphan = queue.RunAndCommitAsync(
            (connection, transaction) => connection.ExecuteAsync("INSERT INTO notes (id, parent_id) VALUES ('orphan', 'missing')", transaction: transaction),
            CancellationToken.None);

        release();
        await first;
        foreach (var write in good.Append(orphan))
        {
            var failure = await Should.ThrowAsync<Microsoft.Data.Sqlite.SqliteException>(write);
            failure.SqliteErrorCode.ShouldBe(19); // SQLITE_CONSTRAINT, raised by COMMIT
        }

        (await IdsAsync()).ShouldBe(["held"]);
    }

    [Fact]
    public async Task Every_answered_write_is_already_readable_from_another_connection()
    {
        var queue = new WriteQueue(_database);
        var writes = Enumerable.Range(0, 200).Select(async i =>
        {
            await Task.Yield();
            await InsertAsync(queue, $"w{i}");
            await using var other = await _database.OpenAsync();
            return await other.ExecuteScalarAsync<long>("SELECT count(*) FROM notes WHERE id = @id", new { id = $"w{i}" });
        });

        (await Task.WhenAll(writes)).ShouldAllBe(found => found == 1);
        var (transactions, stored) = queue.Committed;
        stored.ShouldBe(200);
        transactions.ShouldBeLessThanOrEqualTo(200);
    }

    [Fact]
    public async Task Writes_of_different_modules_share_one_group_and_a_group_with_any_synced_write_is_synced()
    {
        var orders = new WriteQueue(_database);
        var carts = new WriteQueue(_database, WriteDurability.Relaxed);
        var (first, release) = await HoldTheQueueAsync(orders);
        var waiting = Enumerable.Range(0, 10).SelectMany(i => new[] { InsertAsync(orders, $"o{i}"), InsertAsync(carts, $"c{i}") }).ToList();
        var level = carts.RunAsync(write => write.Connection.ExecuteScalarAsync<long>("PRAGMA synchronous", transaction: write.Transaction), CancellationToken.None);

        release();
        await Task.WhenAll(waiting.Append(first));

        orders.Committed.ShouldBe((2L, 21L), "the held write, then the twenty of both queues together");
        (await level).ShouldBe(2L, "FULL: the group holds writes that must survive a power cut");
        var alone = await carts.RunAsync(write => write.Connection.ExecuteScalarAsync<long>("PRAGMA synchronous", transaction: write.Transaction), CancellationToken.None);
        alone.ShouldBe(1L, "NORMAL: a group of relaxed writes only");
    }

    [Fact]
    public async Task With_a_batch_size_of_one_every_write_is_its_own_transaction()
    {
        await using var single = Open(1);
        var queue = new WriteQueue(single);
        var (first, release) = await HoldTheQueueAsync(queue);
        var waiting = Enumerable.Range(0, 20).Select(i => InsertAsync(queue, $"n{i}")).ToList();

        release();
        await Task.WhenAll(waiting.Append(first));

        queue.Committed.ShouldBe((21L, 21L));
    }

    [Fact]
    public async Task A_write_cancelled_while_it_waits_never_runs()
    {
        var queue = new WriteQueue(_database);
        var (first, release) = await HoldTheQueueAsync(queue);
        using var cancel = new CancellationTokenSource();
        var cancelled = queue.RunAndCommitAsync((connection, transaction) => InsertRowAsync(connection, transaction, "cancelled"), cancel.Token);

        await cancel.CancelAsync();
        release();
        await first;

        await Should.ThrowAsync<TaskCanceledException>(cancelled);
        (await IdsAsync()).ShouldBe(["held"]);
    }

    private Database Open(int batchSize) =>
        new(new EmporiumOptions { DataDirectory = _directory, DemoData = false, SqliteWriteBatchSize = batchSize });

    /// <summary>Starts a write ("held") that waits inside its transaction until released, so what comes next queues behind it.</summary>
    private static async Task<(Task Write, Action Release)> HoldTheQueueAsync(WriteQueue queue)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var write = queue.RunAndCommitAsync(
            async (connection, transaction) =>
            {
                await InsertRowAsync(connection, transaction, "held");
                started.SetResult();
                await release.Task;
                return 0;
            },
            CancellationToken.None);
        await started.Task;
        return (write, release.SetResult);
    }

    private static Task<int> InsertAsync(WriteQueue queue, string id) =>
        queue.RunAndCommitAsync((connection, transaction) => InsertRowAsync(connection, transaction, id), CancellationToken.None);

    private static Task<int> InsertRowAsync(QueuedTransaction write, string id) => InsertRowAsync(write.Connection, write.Transaction, id);

    private static Task<int> InsertRowAsync(DbConnection connection, DbTransaction transaction, string id) =>
        connection.ExecuteAsync("INSERT INTO notes (id) VALUES (@id)", new { id }, transaction);

    private async Task<long> CountAsync()
    {
        await using var connection = await _database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM notes");
    }

    private async Task<List<string>> IdsAsync()
    {
        await using var connection = await _database.OpenAsync();
        return (await connection.QueryAsync<string>("SELECT id FROM notes ORDER BY id")).ToList();
    }
}
