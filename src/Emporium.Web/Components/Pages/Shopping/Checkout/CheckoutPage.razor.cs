using System.Text.Json;
using Emporium.Accounts.Addresses;
using Emporium.BuildingBlocks;
using Emporium.Checkout.Placing;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;

namespace Emporium.Web.Components.Pages.Shopping.Checkout;

internal enum CheckoutStep
{
    Address,
    Card,
    Review,
}

/// <summary>
/// <c>/checkout</c> in three steps, each a plain page: the address (a saved one or a new one), the card (a
/// form that posts to the sandbox gateway, which sends back a token), and the review with "Place order".
/// The address travels between steps in an encrypted ticket; "Place order" posts the ticket, the token
/// and an idempotency key made when the review was rendered, so a double click or a resubmitted form is
/// one checkout (the coordinator's idempotency). <c>?claim=</c> pays a flash-sale claim instead of the cart.
/// </summary>
public sealed partial class CheckoutPage
{
    [Inject]
    private ShippingTicket Tickets { get; set; } = default!;

    [Inject]
    private CheckoutReviews Reviews { get; set; } = default!;

    [Inject]
    private AddressStore AddressBook { get; set; } = default!;

    [Inject]
    private CheckoutCoordinator Coordinator { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "claim")]
    public string? QueryClaim { get; set; }

    [SupplyParameterFromQuery(Name = "ship")]
    public string? QueryShip { get; set; }

    [SupplyParameterFromQuery(Name = "token")]
    public string? QueryToken { get; set; }

    [SupplyParameterFromQuery(Name = "brand")]
    public string? Brand { get; set; }

    [SupplyParameterFromQuery(Name = "last4")]
    public string? Last4 { get; set; }

    [SupplyParameterFromQuery(Name = "declined")]
    public string? Declined { get; set; }

    [SupplyParameterFromQuery(Name = "cardError")]
    public string? CardError { get; set; }

    [SupplyParameterFromForm(FormName = "checkout-address", Name = "savedAddressId")]
    public string? SavedAddressId { get; set; }

    [SupplyParameterFromForm(FormName = "checkout-address", Name = "name")]
    public string? Name { get; set; }

    [SupplyParameterFromForm(FormName = "checkout-address", Name = "line1")]
    public string? Line1 { get; set; }

    [SupplyParameterFromForm(FormName = "checkout-address", Name = "line2")]
    public string? Line2 { get; set; }

    [SupplyParameterFromForm(FormName = "checkout-address", Name = "city")]
    public string? City { get; set; }

    [SupplyParameterFromForm(FormName = "checkout-address", Name = "region")]
    public string? Region { get; set; }

    [SupplyParameterFromForm(FormName = "checkout-address", Name = "postalCode")]
    public string? PostalCode { get; set; }

    [SupplyParameterFromForm(FormName = "checkout-address", Name = "country")]
    public string? Country { get; set; }

    [SupplyParameterFromForm(FormName = "place-order", Name = "ship")]
    public string? PostedShip { get; set; }

    [SupplyParameterFromForm(FormName = "place-order", Name = "token")]
    public string? PostedToken { get; set; }

    [SupplyParameterFromForm(FormName = "place-order", Name = "idempotencyKey")]
    public string? PostedKey { get; set; }

    [SupplyParameterFromForm(FormName = "place-order", Name = "claim")]
    public string? PostedClaim { get; set; }

    private CheckoutStep Step { get; set; }

    private CheckoutReview? Review { get; set; }

    private IReadOnlyList<SavedAddress> SavedAddresses { get; set; } = [];

    private AddressRequest? Address { get; set; }

    private AddressInput? EnteredAddress { get; set; }

    private IReadOnlyDictionary<string, string[]>? AddressErrors { get; set; }

    private string? AddressError { get; set; }

    private string? PlaceError { get; set; }

    private List<string> ShortLines { get; } = [];

    private string? ClaimId => string.IsNullOrWhiteSpace(PostedClaim ?? QueryClaim) ? null : (PostedClaim ?? QueryClaim)!.Trim();

    private string? Ship => PostedShip ?? QueryShip;

    private string? Token => PostedToken ?? QueryToken;

    /// <summary>Made once per rendering of the review: every post of that form carries the same key.</summary>
    private string Key { get; set; } = "";

    private string BrandName => string.IsNullOrEmpty(Brand) ? "Card" : char.ToUpperInvariant(Brand[0]) + Brand[1..];

    private string StartUrl => ClaimId is null ? Urls.Checkout : QueryHelpers.AddQueryString(Urls.Checkout, "claim", ClaimId);

    /// <summary>The card step; the gateway sends the shopper back here with the token added.</summary>
    private string CardUrl => QueryHelpers.AddQueryString(StartUrl, "ship", Ship ?? "");

    private string? CardMessage => (Declined, CardError) switch
    {
        ("card_declined", _) => "Your card was declined. Nothing was charged and your cart is as it was: try another card.",
        ("insufficient_funds", _) => "The card has insufficient funds. Nothing was charged and your cart is as it was: try another card.",
        ({ } code, _) => $"The payment did not go through ({code}). Nothing was charged: try another card.",
        (_, "card_not_test_card") => "The sandbox gateway takes test cards only, such as 4242 4242 4242 4242.",
        (_, { } fields) => "Check the card's " + string.Join(", ", fields.Split(',').Select(FieldName)) + ".",
        _ => null,
    };

    protected override async Task OnInitializedAsync()
    {
        if (RedirectUnlessSignedIn())
        {
            return;
        }

        HttpContext.Response.Headers.CacheControl = "no-store";
        Address = Tickets.Read(Ship);
        Step = Address is null ? CheckoutStep.Address : string.IsNullOrEmpty(Token) ? CheckoutStep.Card : CheckoutStep.Review;
        Key = string.IsNullOrEmpty(PostedKey) ? Guid.NewGuid().ToString("N") : PostedKey;
        Review = await Reviews.LoadAsync(HttpContext, UserId!, ClaimId, Address?.Country, Aborted);
        if (Step == CheckoutStep.Address)
        {
            SavedAddresses = await AddressBook.ListAsync(UserId!, Aborted);
        }
    }

    private void ChooseAddress()
    {
        AddressRequest chosen;
        if (!string.IsNullOrEmpty(SavedAddressId) && SavedAddressId != "new")
        {
            var saved = SavedAddresses.FirstOrDefault(a => a.Id == SavedAddressId);
            if (saved is null)
            {
                AddressError = "Choose one of your addresses, or enter a new one.";
                return;
            }

            chosen = new AddressRequest(saved.Name, saved.Line1, saved.Line2, saved.City, saved.Region, saved.PostalCode, saved.Country, null);
        }
        else
        {
            // The address book's rules: what passes them, the checkout accepts too.
            EnteredAddress = new AddressInput(Name, Line1, Line2, City, Region, PostalCode, Country?.Trim().ToUpperInvariant());
            var valid = AddressRules.Validate(EnteredAddress);
            if (!valid.IsSuccess)
            {
                AddressErrors = valid.Error!.Fields;
                AddressError = "Please correct the address below.";
                return;
            }

            var a = valid.Value;
            chosen = new AddressRequest(a.Name, a.Line1, a.Line2, a.City, a.Region, a.PostalCode, a.Country, null);
        }

        Navigation.NavigateTo(QueryHelpers.AddQueryString(StartUrl, "ship", Tickets.Issue(chosen)));
    }

    private async Task PlaceOrderAsync()
    {
        var address = Tickets.Read(PostedShip);
        if (address is null)
        {
            PlaceError = "Your shipping address was lost on the way; please choose it again.";
            return;
        }

        var valid = ValidCheckout.From(PostedKey, new CheckoutRequest(address, PostedToken, null, ClaimId));
        if (!valid.IsSuccess)
        {
            PlaceError = "Something is missing from this checkout: " + string.Join(" ", valid.Error!.Fields?.SelectMany(f => f.Value) ?? [valid.Error.Message]);
            return;
        }

        var answer = await Coordinator.PlaceAsync(UserId!, valid.Value, Aborted);
        if (answer.Response.Status == 201 && answer.OrderId is { } orderId)
        {
            Navigation.NavigateTo(Urls.OrderPlaced(orderId));
            return;
        }

        var (code, detail, fields) = ReadProblem(answer.Response.Body);
        if (answer.Response.Status == 402)
        {
            // The token is spent: back to the card step, with the reason.
            Navigation.NavigateTo(QueryHelpers.AddQueryString(CardUrl, "declined", code));
            return;
        }

        if (code == "out_of_stock")
        {
            PlaceError = "Some items are no longer in stock in the quantity you asked for. Nothing was charged.";
            foreach (var (skuId, messages) in fields)
            {
                var title = Review?.Lines.FirstOrDefault(l => l.SkuId == skuId)?.Title ?? skuId;
                ShortLines.Add($"{title}: {string.Join(" ", messages)}");
            }

            return;
        }

        PlaceError = answer.RetryLater
            ? "Your order is still being placed. Wait a moment and press Place order again: it will not be placed twice."
            : detail;
    }

    private static (string Code, string Detail, Dictionary<string, string[]> Fields) ReadProblem(string body)
    {
        using var problem = JsonDocument.Parse(body);
        var root = problem.RootElement;
        var code = root.TryGetProperty("code", out var c) ? c.GetString() ?? "" : "";
        var detail = root.TryGetProperty("detail", out var d) ? d.GetString() ?? "The order could not be placed." : "The order could not be placed.";
        var fields = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
        {
            foreach (var field in errors.EnumerateObject())
            {
                fields[field.Name] = field.Value.ValueKind == JsonValueKind.Array ? [.. field.Value.EnumerateArray().Select(m => m.GetString() ?? "")] : [];
            }
        }

        return (code, detail, fields);
    }

    private static string FieldName(string field) => field switch
    {
        "number" => "number",
        "expMonth" => "expiry month",
        "expYear" => "expiry year",
        "cvc" => "security code",
        _ => "details",
    };

    private static Money Money(long amount, string currency) => new(amount, currency);
}
