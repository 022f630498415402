using System.Collections.Immutable;
using System.Globalization;
using Emporium.BuildingBlocks;
using Emporium.Cart.Identity;
using Emporium.Cart.Model;
using Emporium.Cart.Storage;
using StackExchange.Redis;

namespace Emporium.Adapters.Redis.Carts;

/// <summary>
/// A cart as Redis holds it, with the version every save is conditioned on. <see cref="Cart"/> is null
/// when there is no cart (<see cref="Version"/> 0, or the version of a user's copy that says "none").
/// <see cref="Generation"/> tells one life of a guest cart id from the next (merges are recorded by it).
/// </summary>
internal sealed record RedisCart(StoredCart? Cart, long Version, string? Generation)
{
    public CartState State => Cart?.State ?? CartState.Empty.Instance;
}

/// <summary>
/// The hash layout: <c>v</c> (version), <c>id</c>, <c>gen</c>, <c>upd</c> and <c>exp</c> (Unix ms), and one
/// field <c>l:&lt;sku&gt;</c> per line holding <c>quantity|amount|currency|added|updated</c>. A hash with
/// only <c>v</c> is a user's "no cart" marker (so a user without a cart does not read PostgreSQL every time).
/// </summary>
internal static class CartHash
{
    public const string VersionField = "v";
    private const string IdField = "id";
    private const string GenerationField = "gen";
    private const string UpdatedField = "upd";
    private const string ExpiresField = "exp";
    private const string LinePrefix = "l:";

    public static RedisCart Read(CartOwner owner, HashEntry[] entries)
    {
        long version = 0;
        string? id = null, generation = null;
        long updated = 0, expires = 0;
        var lines = ImmutableSortedDictionary.CreateBuilder<string, CartLine>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var name = (string)entry.Name!;
            switch (name)
            {
                case VersionField: version = (long)entry.Value; break;
                case IdField: id = entry.Value; break;
                case GenerationField: generation = entry.Value; break;
                case UpdatedField: updated = (long)entry.Value; break;
                case ExpiresField: expires = (long)entry.Value; break;
                default:
                    if (name.StartsWith(LinePrefix, StringComparison.Ordinal))
                    {
                        var line = ReadLine(name[LinePrefix.Length..], entry.Value!);
                        lines[line.SkuId] = line;
                    }

                    break;
            }
        }

        var cart = id is null
            ? null
            : new StoredCart(id, owner, new CartState.Open(lines.ToImmutable(), Ms(updated), Ms(expires)));
        return new RedisCart(cart, version, generation);
    }

    /// <summary>The fields of <paramref name="cart"/> at <paramref name="version"/>; just the version for "no cart".</summary>
    public static List<RedisValue> Fields(StoredCart? cart, long version, string? generation)
    {
        var fields = new List<RedisValue> { VersionField, version };
        if (cart?.State is not CartState.Open open)
        {
            return fields;
        }

        fields.AddRange([IdField, cart.CartId, UpdatedField, open.UpdatedAt.ToUnixTimeMilliseconds(), ExpiresField, open.ExpiresAt.ToUnixTimeMilliseconds()]);
        if (generation is not null)
        {
            fields.AddRange([GenerationField, generation]);
        }

        foreach (var line in open.Lines.Values)
        {
            fields.Add(LinePrefix + line.SkuId);
            fields.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"{line.Quantity}|{line.PriceWhenAdded.Amount}|{line.PriceWhenAdded.Currency}|{line.AddedAt.ToUnixTimeMilliseconds()}|{line.UpdatedAt.ToUnixTimeMilliseconds()}"));
        }

        return fields;
    }

    /// <summary>Whether a field of the hash is a line.</summary>
    public static bool IsLine(string field) => field.StartsWith(LinePrefix, StringComparison.Ordinal);

    private static CartLine ReadLine(string skuId, string value)
    {
        var parts = value.Split('|');
        if (parts.Length != 5)
        {
            throw new FormatException($"Cart line '{skuId}' is stored as '{value}'.");
        }

        return new CartLine(
            skuId,
            int.Parse(parts[0], CultureInfo.InvariantCulture),
            new Money(long.Parse(parts[1], CultureInfo.InvariantCulture), parts[2]),
            Ms(long.Parse(parts[3], CultureInfo.InvariantCulture)),
            Ms(long.Parse(parts[4], CultureInfo.InvariantCulture)));
    }

    private static DateTimeOffset Ms(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
}
