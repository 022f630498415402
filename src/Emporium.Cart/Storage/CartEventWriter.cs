using System.Data.Common;
using System.Diagnostics;
using Dapper;
using Emporium.Cart.Identity;
using Emporium.Cart.Model;

namespace Emporium.Cart.Storage;

/// <summary>
/// Turns a decision's events into SQL, inside the caller's transaction. The events were decided on the
/// rows the same transaction locked and read, so each statement meets the rows it expects.
/// </summary>
internal static class CartEventWriter
{
    /// <summary>Writes the events and returns the cart's id (a cart that is opened gets one here).</summary>
    public static async Task<string> WriteAsync(
        DbConnection connection, DbTransaction transaction, CartOwner owner, string? cartId, IReadOnlyList<CartEvent> events, CancellationToken cancellationToken)
    {
        foreach (var @event in events)
        {
            var at = @event.At.ToUnixTimeMilliseconds();
            switch (@event)
            {
                case CartEvent.Opened:
                    cartId = await OpenAsync(connection, transaction, owner, cartId, at, cancellationToken);
                    break;
                case CartEvent.LineAdded added:
                    // ON CONFLICT only as a safety net: the lock means the line is new.
                    await Execute(
                        """
                        INSERT INTO cart_lines (cart_id, sku_id, quantity, unit_price_amount, currency, added_at, updated_at)
                        VALUES (@CartId, @SkuId, @Quantity, @Amount, @Currency, @AddedAt, @At)
                        ON CONFLICT (cart_id, sku_id) DO UPDATE SET quantity = excluded.quantity, updated_at = excluded.updated_at
                        """,
                        new { CartId = cartId, added.SkuId, added.Quantity, added.PriceWhenAdded.Amount, added.PriceWhenAdded.Currency, AddedAt = added.AddedAt.ToUnixTimeMilliseconds(), At = at });
                    break;
                case CartEvent.QuantityChanged changed:
                    await Execute(
                        "UPDATE cart_lines SET quantity = @Quantity, updated_at = @At WHERE cart_id = @CartId AND sku_id = @SkuId",
                        new { CartId = cartId, changed.SkuId, changed.Quantity, At = at });
                    break;
                case CartEvent.LineRemoved removed:
                    await Execute("DELETE FROM cart_lines WHERE cart_id = @CartId AND sku_id = @SkuId", new { CartId = cartId, removed.SkuId });
                    break;
                case CartEvent.Renewed renewed:
                    await Execute(
                        "UPDATE cart_carts SET updated_at = @At, expires_at = @ExpiresAt WHERE id = @CartId",
                        new { CartId = cartId, At = at, ExpiresAt = renewed.ExpiresAt.ToUnixTimeMilliseconds() });
                    break;
                case CartEvent.Expired or CartEvent.Discarded:
                    await Execute("DELETE FROM cart_carts WHERE id = @CartId", new { CartId = cartId });
                    break;
                default:
                    throw new UnreachableException($"No SQL for {@event.GetType().Name}.");
            }
        }

        return cartId ?? throw new UnreachableException("A cart was changed without being opened.");

        async Task Execute(string sql, object parameters)
        {
            Debug.Assert(cartId is not null, "Every event but Opened needs the cart's row.");
            var rows = await connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken));
            Debug.Assert(rows == 1, $"Expected one row for {sql}, got {rows}.");
        }
    }

    /// <summary>
    /// Creates the owner's cart row, or restarts the expired one still there (its old lines go; the id
    /// stays). Conflicts on the owner, so one owner can never end up with two carts.
    /// </summary>
    private static async Task<string> OpenAsync(
        DbConnection connection, DbTransaction transaction, CartOwner owner, string? cartId, long at, CancellationToken cancellationToken)
    {
        if (cartId is not null)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM cart_lines WHERE cart_id = @CartId", new { CartId = cartId }, transaction, cancellationToken: cancellationToken));
        }

        // A guest's cart id is its owner id; a user's cart gets a random id of the same shape, never shown to clients.
        var candidate = cartId ?? (owner.Kind == CartOwnerKind.Guest ? owner.Id : GuestCartId.New());
        return await connection.ExecuteScalarAsync<string>(new CommandDefinition(
            """
            INSERT INTO cart_carts (id, owner_kind, owner_id, created_at, updated_at, expires_at)
            VALUES (@Id, @Kind, @OwnerId, @At, @At, @At)
            ON CONFLICT (owner_kind, owner_id) DO UPDATE SET created_at = excluded.created_at, updated_at = excluded.updated_at, expires_at = excluded.expires_at
            RETURNING id
            """,
            new { Id = candidate, Kind = owner.KindName, OwnerId = owner.Id, At = at },
            transaction,
            cancellationToken: cancellationToken)) ?? throw new UnreachableException("INSERT … RETURNING returned no id.");
    }
}
