using Emporium.BuildingBlocks.Messaging;

namespace Emporium.Contracts.Inventory;

/// <summary>
/// A SKU's sellable quantity (on hand minus reserved, summed over warehouses) is now
/// <paramref name="Available"/>. Published by inventory after every committed stock change; the
/// catalog keeps its in-stock flag from it.
/// </summary>
public sealed record StockLevelChanged(string SkuId, int Available) : IntegrationEvent;
