using Emporium.FlashSales.Sales;

namespace Emporium.FlashSales.WaitingRoom;

/// <summary>
/// Whether a buyer may attempt a purchase of a sale that has a waiting room: only with the purchase
/// token their admitted ticket carries, bound to them and the sale, before it runs out.
/// </summary>
internal interface IPurchaseAdmission
{
    bool IsAdmitted(FlashSale sale, string userId, string? purchaseToken);
}
