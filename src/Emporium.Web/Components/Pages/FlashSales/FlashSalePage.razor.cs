using Emporium.BuildingBlocks;
using Emporium.BuildingBlocks.Results;
using Emporium.Contracts.Catalog;
using Emporium.FlashSales;
using Emporium.FlashSales.Buying;
using Emporium.FlashSales.Paying;
using Emporium.FlashSales.WaitingRoom;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;

namespace Emporium.Web.Components.Pages.FlashSales;

/// <summary>
/// One flash sale as a buyer meets it: the countdown before the start, the waiting room's queue, the buy
/// button once admitted (or at once without a waiting room) and the claim to pay. Every step calls the
/// same decision as the API (<see cref="GetSale"/>, <see cref="QueueEndpoints"/>, <see cref="Purchase"/>),
/// so rate limits, per-user limits and admission are judged identically.
/// </summary>
public partial class FlashSalePage
{
    private const string JoinForm = "flash-sale-join";
    private const string BuyForm = "flash-sale-buy";

    [Parameter]
    public string SaleId { get; set; } = "";

    [SupplyParameterFromQuery(Name = "claim")]
    public string? ClaimId { get; set; }

    [SupplyParameterFromForm(FormName = BuyForm, Name = "purchaseToken")]
    public string? PostedPurchaseToken { get; set; }

    [Inject]
    private IStockGate Gate { get; set; } = default!;

    [Inject]
    private IWaitingRoom Room { get; set; } = default!;

    [Inject]
    private PurchaseTokens Tokens { get; set; } = default!;

    [Inject]
    private IPurchaseRateLimits Limits { get; set; } = default!;

    [Inject]
    private IPurchaseAdmission Admission { get; set; } = default!;

    [Inject]
    private ClaimWriter Writer { get; set; } = default!;

    [Inject]
    private FlashSalesSettings Settings { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [Inject]
    private ICatalogReader Catalog { get; set; } = default!;

    [Inject]
    private FlashSaleClaims Claims { get; set; } = default!;

    private SaleView? _sale;
    private SkuSnapshot? _sku;
    private ClaimView? _claim;
    private QueueTicketView? _ticket;
    private DateTimeOffset _now;
    private string? _error;

    private bool HasWaitingRoom => _sale?.AdmitPerSecond is not null;

    private bool IsActive => _sale?.Status == "active";

    private bool IsScheduled => _sale?.Status == "scheduled";

    /// <summary>Whether the page shows the buy form: open, and either no waiting room or an admitted ticket.</summary>
    private bool CanBuy => IsActive && IsSignedIn && (!HasWaitingRoom || _ticket?.Status == "admitted");

    private bool IsWaiting => _ticket?.Status == "waiting" && (IsActive || IsScheduled);

    protected override async Task OnInitializedAsync()
    {
        var found = await GetSale.FindAsync(SaleId, Gate, Clock, Aborted);
        if (!found.IsSuccess)
        {
            NotFound();
            return;
        }

        _sale = found.Value;
        _now = Clock.GetUtcNow();
        var skus = await Catalog.GetSkusAsync([_sale.SkuId], Aborted);
        _sku = skus.GetValueOrDefault(_sale.SkuId);
        if (UserId is not { } userId)
        {
            return;
        }

        if (!string.IsNullOrEmpty(ClaimId) && await Claims.FindAsync(ClaimId, Aborted) is { } stored && stored.Claim.UserId == userId)
        {
            _claim = ClaimView.Of(stored);
        }

        if (HasWaitingRoom && (IsActive || IsScheduled) && SaleTicketCookie.Read(HttpContext, _sale.Id) is { } ticket)
        {
            var look = await QueueEndpoints.LookAsync(_sale.Id, ticket, userId, Gate, Room, Tokens, Clock, Aborted);
            _ticket = look.IsSuccess ? look.Value : null;
        }
    }

    private async Task JoinAsync()
    {
        if (_sale is null || RedirectUnlessSignedIn())
        {
            return;
        }

        var joined = await QueueEndpoints.JoinAsync(_sale.Id, UserId!, Gate, Room, Tokens, Clock, Aborted);
        if (!joined.IsSuccess)
        {
            _error = SaleText.Refusal(joined.Error!);
            return;
        }

        SaleTicketCookie.Write(HttpContext, _sale.Id, joined.Value.View.Ticket, _sale.EndsAt);
        Navigation.NavigateTo(Urls.FlashSale(_sale.Id));
    }

    private async Task BuyAsync()
    {
        if (_sale is null || RedirectUnlessSignedIn())
        {
            return;
        }

        var desk = new PurchaseDesk(Gate, Limits, Admission, Writer, Settings, Clock);
        var token = PostedPurchaseToken;
        var outcome = await Purchase.AttemptAsync(
            _sale.Id, UserId!, HttpContext.Connection.RemoteIpAddress, _ => Task.FromResult(Result<string?>.Success(token)), desk, Aborted);
        if (outcome.Claim is { } claim)
        {
            Navigation.NavigateTo(Urls.FlashSaleClaim(_sale.Id, claim.ClaimId));
            return;
        }

        if (outcome.RetryAfter is { } retryAfter)
        {
            HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            _error = SaleText.RateLimited(retryAfter);
            return;
        }

        _error = SaleText.Refusal(outcome.Refusal!);

        // The refusal may have come from a change the page rendered before (sold out, ended): show the sale as it is now.
        var found = await GetSale.FindAsync(_sale.Id, Gate, Clock, Aborted);
        if (found.IsSuccess)
        {
            _sale = found.Value;
        }
    }

    private Money SalePrice => new(_sale!.Price, _sale.Currency);

    private string StatusLabel => _sale?.Status switch
    {
        "scheduled" => "Starts soon",
        "active" => "On now",
        "soldOut" => "Sold out",
        _ => "Ended",
    };
}
