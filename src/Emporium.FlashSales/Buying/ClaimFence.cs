using System.Data.Common;
using Dapper;

namespace Emporium.FlashSales.Buying;

/// <summary>
/// Keeps claims of a shared gate's old generation out of storage. A claim carries the epoch of the gate
/// that granted it; in the writer's transaction each sale's current epoch is read under a share lock, so a
/// rebuild (which takes the row's update lock to move the epoch on, then counts the claims) either waits for
/// this batch and counts it, or has already moved on and this batch's claims of the old epoch are refused.
/// Either way no unit is counted by the rebuild and sold by the old generation too.
/// </summary>
internal static class ClaimFence
{
    /// <summary>Whether any claim in <paramref name="batch"/> came from a shared gate (epoch 0 is never fenced).</summary>
    public static bool Applies(IReadOnlyList<PendingClaim> batch) => batch.Any(claim => claim.Epoch != 0);

    /// <summary>Splits <paramref name="batch"/> into the claims storage accepts and those of a generation it has left behind.</summary>
    public static async Task<(List<PendingClaim> Accepted, List<PendingClaim> Fenced)> SplitAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<PendingClaim> batch)
    {
        var saleIds = batch.Where(c => c.Epoch != 0).Select(c => c.SaleId).Distinct().ToArray();
        var epochs = (await connection.QueryAsync<(long Id, long Epoch)>(new CommandDefinition(
                "SELECT id, gate_epoch FROM flashsales_sales WHERE id = ANY(@saleIds) FOR SHARE", new { saleIds }, transaction)))
            .ToDictionary(row => row.Id, row => row.Epoch);
        var accepted = new List<PendingClaim>(batch.Count);
        var fenced = new List<PendingClaim>();
        foreach (var claim in batch)
        {
            (claim.Epoch == 0 || epochs.GetValueOrDefault(claim.SaleId) == claim.Epoch ? accepted : fenced).Add(claim);
        }

        return (accepted, fenced);
    }
}
