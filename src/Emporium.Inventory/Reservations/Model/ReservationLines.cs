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

    /// <summary>The units of <paramref name="skuId"/> in <paramref name="warehouseId"/>; 0 when there is no such line.</summary>
    public int QuantityOf(string skuId, long warehouseId) =>
        _lines.FirstOrDefault(l => l.SkuId == skuId && l.WarehouseId == warehouseId)?.Quantity ?? 0;

    /// <summary>Whether every line of <paramref name="part"/> is covered here, pair by pair.</summary>
    public bool Holds(ReservationLines part)
    {
        ArgumentNullException.ThrowIfNull(part);
        return part.All(l => QuantityOf(l.SkuId, l.WarehouseId) >= l.Quantity);
    }

    /// <summary>These lines with <paramref name="other"/>'s added.</summary>
    public ReservationLines Plus(ReservationLines other) => Of(_lines.Concat(other));

    /// <summary>These lines less <paramref name="part"/> (which they must <see cref="Holds"/>); a line that drops to nothing goes.</summary>
    public ReservationLines Minus(ReservationLines part)
    {
        ArgumentNullException.ThrowIfNull(part);
        if (!Holds(part))
        {
            throw new ArgumentException($"[{this}] does not hold [{part}].", nameof(part));
        }

        var merged = Of(_lines.Concat(part.Select(l => l with { Quantity = -l.Quantity })));
        return new(merged._lines.Where(l => l.Quantity > 0).ToImmutableArray());
    }

    public IEnumerator<ReservationLine> GetEnumerator() => ((IEnumerable<ReservationLine>)_lines).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(ReservationLines? other) => other is not null && _lines.SequenceEqual(other._lines);

    public override bool Equals(object? obj) => obj is ReservationLines other && Equals(other);

    public override int GetHashCode() => _lines.Aggregate(0, (hash, line) => HashCode.Combine(hash, line));

    public override string ToString() => string.Join(", ", _lines.Select(l => $"{l.SkuId}@{l.WarehouseId}×{l.Quantity}"));
}
