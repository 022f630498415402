namespace Emporium.Payments.Storage;

/// <summary>
/// In-process locks by name (a payment, an idempotency key), for SQLite, where there are no row locks:
/// the work on one payment is serialised here across its gateway call, while other payments go on.
/// A lock's semaphore exists only while someone holds or waits for it.
/// </summary>
internal sealed class KeyedLocks
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Takes every lock in <paramref name="names"/>, in ordinal order (so two callers can never wait on each other in a cycle).</summary>
    public async Task<IAsyncDisposable> AcquireAsync(IEnumerable<string> names, CancellationToken cancellationToken)
    {
        var held = new Held(this);
        try
        {
            foreach (var name in names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                var entry = Enter(name);
                try
                {
                    await entry.Semaphore.WaitAsync(cancellationToken);
                }
                catch
                {
                    Leave(name, entry, release: false);
                    throw;
                }

                held.Names.Add((name, entry));
            }

            return held;
        }
        catch
        {
            await held.DisposeAsync();
            throw;
        }
    }

    private Entry Enter(string name)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue(name, out var entry))
            {
                _entries[name] = entry = new Entry();
            }

            entry.Users++;
            return entry;
        }
    }

    private void Leave(string name, Entry entry, bool release)
    {
        lock (_gate)
        {
            if (release)
            {
                entry.Semaphore.Release();
            }

            if (--entry.Users == 0)
            {
                _entries.Remove(name);
                entry.Semaphore.Dispose();
            }
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        public int Users { get; set; }
    }

    private sealed class Held(KeyedLocks owner) : IAsyncDisposable
    {
        public List<(string Name, Entry Entry)> Names { get; } = [];

        public ValueTask DisposeAsync()
        {
            for (var i = Names.Count - 1; i >= 0; i--)
            {
                owner.Leave(Names[i].Name, Names[i].Entry, release: true);
            }

            Names.Clear();
            return ValueTask.CompletedTask;
        }
    }
}
