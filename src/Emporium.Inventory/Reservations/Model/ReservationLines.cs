using System.Collections;
using System.Collections.Immutable;

namespace Emporium.Inventory.Reservations.Model;

/// <summary>Units of one SKU held in one warehouse.</summary>
internal sealed record ReservationLine(string SkuId, long WarehouseId, int Quantity);

/// <summary>
/// A reservation's lines, always in (SKU, warehouse) order with one line per pair. Every transaction
/// touches stock rows in this order, so two transactions never wait on each other in a cycle.
/// Compared by content, so decisions and their tests can compare events.
/// </summary>
internal sealed class ReservationLines : IReadOnlyList<ReservationLine>, IEquatable<ReservationLines>
{
    private readonly ImmutableArray<ReservationLine> _lines;

    private ReservationLines(ImmutableArray<ReservationLine> lines) => _lines = lines;

    public static readonly ReservationLines Empty = new([]);

    /// <summary>Merges lines for the same (SKU, warehouse) and sorts them.</summary>
    public static ReservationLines Of(IEnumerable<ReservationLine> lines) => new(lines
        .GroupBy(l => (l.SkuId, l.WarehouseId))
        .Select(g => new ReservationLine(g.Key.SkuId, g.Key.WarehouseId, g.Sum(l => l.Quantity)))
        .OrderBy(l => l.SkuId, StringComparer.Ordinal)
        .ThenBy(l => l.WarehouseId)
        .ToImmutableArray());

    public int Count => _lines.Length;

    public ReservationLine this[int index] => _lines[index];

    public IEnumerable<string> SkuIds => _lines.Select(l => l.SkuId).Distinct(StringComparer.Ordinal);

    public IEnumerator<ReservationLine> GetEnumerator() => ((IEnumerable<ReservationLine>)_lines).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(ReservationLines? other) => other is not null && _lines.SequenceEqual(other._lines);

    public override bool Equals(object? obj) => obj is ReservationLines other && Equals(other);

    public override int GetHashCode() => _lines.Aggregate(0, (hash, line) => HashCode.Combine(hash, line));

    public override string ToString() => string.Join(", ", _lines.Select(l => $"{l.SkuId}@{l.WarehouseId}×{l.Quantity}"));
}
