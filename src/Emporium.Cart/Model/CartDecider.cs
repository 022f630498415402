using System.Globalization;
using Emporium.BuildingBlocks.Results;
using static Emporium.Cart.Model.CartCommand;
using static Emporium.Cart.Model.CartEvent;

namespace Emporium.Cart.Model;

/// <summary>
/// The cart's rules as one pure function: a command and the current state give the events to save,
/// or an expected error. No events means nothing changes (a replayed request is not a change, so it
/// does not renew the cart either).
/// </summary>
internal static class CartDecider
{
    private static readonly IReadOnlyList<CartEvent> NoChange = [];

    public static Result<IReadOnlyList<CartEvent>> Decide(CartCommand command, CartState state, CartRules rules, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(rules);
        return command switch
        {
            SetQuantity set => DecideSet(set.SkuId, set.Quantity, set, state.AsOf(now), rules, now),
            AddQuantity add => DecideAdd(add, state.AsOf(now), rules, now),
            RemoveLine remove => DecideSet(remove.SkuId, 0, null, state.AsOf(now), rules, now),
            Merge merge => Ok(DecideMerge(merge, state.AsOf(now), rules, now)),
            Expire => Ok(state is CartState.Open open && open.IsExpiredAt(now) ? [new Expired(now)] : NoChange),
            Discard => Ok(state is CartState.Open ? [new Discarded(now)] : NoChange),
            RemovePurchased purchased => Ok(DecideRemovePurchased(purchased, state.AsOf(now), rules, now)),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command, "Unknown cart command."),
        };
    }

    // Result's implicit conversion cannot apply to an interface type, hence the explicit wrap.
    private static Result<IReadOnlyList<CartEvent>> Ok(IReadOnlyList<CartEvent> events) => Result<IReadOnlyList<CartEvent>>.Success(events);

    /// <summary>The validation error for a quantity outside 0..max; the HTTP layer reports the same one.</summary>
    public static Error QuantityOutOfRange(int max)
    {
        var errors = new ValidationErrors();
        errors.Add("quantity", string.Create(CultureInfo.InvariantCulture, $"'quantity' must be a whole number from 0 to {max}."));
        return errors.ToError();
    }

    private static Result<IReadOnlyList<CartEvent>> DecideSet(string skuId, int quantity, SetQuantity? set, CartState state, CartRules rules, DateTimeOffset now)
    {
        if (quantity < 0 || quantity > rules.MaxQuantityPerLine)
        {
            return QuantityOutOfRange(rules.MaxQuantityPerLine);
        }

        var existing = state is CartState.Open open ? open.Lines.GetValueOrDefault(skuId) : null;
        CartEvent? change = (existing, quantity) switch
        {
            (null, 0) => null,
            (null, _) => new LineAdded(skuId, quantity, set!.CurrentPrice, AddedAfterEveryLine(state, now), now),
            (_, 0) => new LineRemoved(skuId, now),
            _ when existing.Quantity == quantity => null,
            _ => new QuantityChanged(skuId, quantity, now),
        };

        return Ok(change is null ? NoChange : Changed(state, [change], rules, now));
    }

    private static Result<IReadOnlyList<CartEvent>> DecideAdd(AddQuantity add, CartState state, CartRules rules, DateTimeOffset now)
    {
        if (add.Quantity < 1 || add.Quantity > rules.MaxQuantityPerLine)
        {
            return QuantityOutOfRange(rules.MaxQuantityPerLine);
        }

        var held = state is CartState.Open open && open.Lines.TryGetValue(add.SkuId, out var line) ? line.Quantity : 0;
        var quantity = Math.Min(held + add.Quantity, rules.MaxQuantityPerLine);
        return DecideSet(add.SkuId, quantity, new SetQuantity(add.SkuId, quantity, add.CurrentPrice), state, rules, now);
    }

    /// <summary>
    /// When a new line counts as added: now, but at least a millisecond (the stores' resolution) after
    /// every line already there, so two adds within one millisecond still read back in the order they came.
    /// </summary>
    private static DateTimeOffset AddedAfterEveryLine(CartState state, DateTimeOffset now)
    {
        var newest = state is CartState.Open { Lines.IsEmpty: false } open
            ? open.Lines.Values.Max(l => l.AddedAt.ToUnixTimeMilliseconds())
            : long.MinValue;
        return now.ToUnixTimeMilliseconds() > newest ? now : DateTimeOffset.FromUnixTimeMilliseconds(newest + 1);
    }

    private static IReadOnlyList<CartEvent> DecideMerge(Merge merge, CartState state, CartRules rules, DateTimeOffset now)
    {
        var lines = state is CartState.Open open ? open.Lines : CartState.Open.NoLines;
        var changes = new List<CartEvent>();
        var merged = state is CartState.Open ? state : CartState.Empty.Instance.Apply([new Opened(now)]);
        foreach (var theirs in merge.Other.AsOf(now).LinesInOrder())
        {
            var cap = Cap(theirs.SkuId, merge.KnownStock, rules);
            if (!lines.TryGetValue(theirs.SkuId, out var ours))
            {
                // The guest's line keeps its own price, so a price change since is still pointed out, and comes
                // after the user's lines (its own time of adding, unless that is not later than theirs).
                var addedAt = AddedAfterEveryLine(merged, theirs.AddedAt);
                changes.Add(new LineAdded(theirs.SkuId, Math.Min(theirs.Quantity, cap), theirs.PriceWhenAdded, addedAt, now));
                merged = merged.Apply([changes[^1]]);
                continue;
            }

            var combined = merge.Policy == MergePolicy.Sum ? ours.Quantity + theirs.Quantity : Math.Max(ours.Quantity, theirs.Quantity);
            var quantity = Math.Min(combined, cap);
            if (quantity != ours.Quantity)
            {
                changes.Add(new QuantityChanged(theirs.SkuId, quantity, now));
            }
        }

        return changes.Count == 0 ? NoChange : Changed(state, changes, rules, now);
    }

    private static IReadOnlyList<CartEvent> DecideRemovePurchased(RemovePurchased purchased, CartState state, CartRules rules, DateTimeOffset now)
    {
        if (state is not CartState.Open open)
        {
            return NoChange; // no cart (or an expired one): nothing left to take out
        }

        var changes = new List<CartEvent>();
        foreach (var (skuId, bought) in purchased.Bought.OrderBy(b => b.Key, StringComparer.Ordinal))
        {
            if (bought <= 0 || !open.Lines.TryGetValue(skuId, out var line))
            {
                continue; // removed meanwhile, or never in this cart (a flash-sale claim)
            }

            var left = line.Quantity - bought;
            changes.Add(left > 0 ? new QuantityChanged(skuId, left, now) : new LineRemoved(skuId, now));
        }

        return changes.Count == 0 ? NoChange : Changed(state, changes, rules, now);
    }

    /// <summary>
    /// The most a merged line may hold: the line maximum, and the stock when known. At least one stays,
    /// so an item out of stock shows up with its notice rather than vanishing at sign-in.
    /// </summary>
    private static int Cap(string skuId, IReadOnlyDictionary<string, int> knownStock, CartRules rules) =>
        Math.Max(1, knownStock.TryGetValue(skuId, out var available) ? Math.Min(rules.MaxQuantityPerLine, available) : rules.MaxQuantityPerLine);

    /// <summary>A change opens the cart if there is none and renews its lifetime.</summary>
    private static List<CartEvent> Changed(CartState state, IEnumerable<CartEvent> changes, CartRules rules, DateTimeOffset now)
    {
        var events = new List<CartEvent>();
        if (state is CartState.Empty)
        {
            events.Add(new Opened(now));
        }

        events.AddRange(changes);
        events.Add(new Renewed(now, now + rules.Lifetime));
        return events;
    }
}
