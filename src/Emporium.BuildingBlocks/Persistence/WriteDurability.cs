namespace Emporium.BuildingBlocks.Persistence;

/// <summary>How far a committed write survives on SQLite (PostgreSQL always commits durably).</summary>
public enum WriteDurability
{
    /// <summary>Synced to disk before the commit returns: survives a power cut. Orders, payments, stock, claims.</summary>
    Full,

    /// <summary>
    /// Survives the process being killed, not the machine losing power (the WAL is synced at the next full
    /// commit or checkpoint). For state a buyer can redo in a click — a cart — where a sync per change would
    /// cap writes at the disk's sync rate. See docs/decisions/0006-cart-write-durability.md.
    /// </summary>
    Relaxed,
}
