using Emporium.BuildingBlocks.Persistence;
using Emporium.BuildingBlocks.Results;
using Emporium.Contracts.Catalog;
using Emporium.FlashSales.Sales;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;

namespace Emporium.Web.Components.Pages.Admin.FlashSales;

/// <summary>
/// <c>/admin/flash-sales</c>: every sale, newest first, and the form that creates one. Creation goes
/// through the same validation and allotment as <c>POST /api/admin/flash-sales</c>
/// (<see cref="SaleEndpoints.CreateAsync"/>): on bad input nothing is written and each field says why.
/// </summary>
public partial class AdminFlashSalesPage
{
    private const string FormName = "admin-flash-sale-new";

    [SupplyParameterFromForm(FormName = FormName)]
    public NewSaleForm? Form { get; set; }

    [SupplyParameterFromQuery(Name = "created")]
    public string? CreatedId { get; set; }

    [Inject]
    private Database Database { get; set; } = default!;

    [Inject]
    private SaleAllotting Allotting { get; set; } = default!;

    [Inject]
    private ICatalogReader Catalog { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);
    private AdminSalePage? _sales;
    private string? _error;
    private bool _forbidden;

    protected override async Task OnInitializedAsync()
    {
        if (RedirectUnlessSignedIn())
        {
            return;
        }

        if (!IsAdmin)
        {
            _forbidden = true;
            HttpContext.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        var now = Clock.GetUtcNow();
        Form ??= new NewSaleForm
        {
            StartsAt = NewSaleForm.LocalValue(now.AddMinutes(10)),
            EndsAt = NewSaleForm.LocalValue(now.AddHours(1)),
            PerUserLimit = "1",
        };
        _sales = await SaleEndpoints.PageAsync(Database, 1, SaleEndpoints.MaxPageSize, Aborted);
    }

    private async Task CreateAsync()
    {
        if (_forbidden || Form is null || UserId is null)
        {
            return;
        }

        var request = await ReadAsync(Form);
        if (_errors.Count > 0)
        {
            // Something did not parse: nothing is created, but the module's rules still speak for the other fields.
            var typed = new HashSet<string>(_errors.Keys, StringComparer.Ordinal);
            if (SaleRules.Validate(request, Clock.GetUtcNow()).Error?.Fields is { } fields)
            {
                foreach (var (field, messages) in fields.Where(f => !typed.Contains(f.Key)))
                {
                    messages.ToList().ForEach(message => Add(field, message));
                }
            }

            return;
        }

        var created = await SaleEndpoints.CreateAsync(request, UserId, Allotting, Clock, Aborted);
        if (created.IsSuccess)
        {
            Navigation.NavigateTo(Urls.AdminFlashSales + "?created=" + created.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return;
        }

        Explain(created.Error!);
    }

    /// <summary>The request the API would get; a field that does not parse is left out and its error added.</summary>
    private async Task<CreateSaleRequest> ReadAsync(NewSaleForm form)
    {
        var skuId = form.SkuId?.Trim();

        // The price is typed in the SKU's own currency; an unknown SKU is the module's error to report.
        var currency = "USD";
        if (!string.IsNullOrEmpty(skuId) && (await Catalog.GetSkusAsync([skuId], Aborted)).TryGetValue(skuId, out var sku))
        {
            currency = sku.Currency;
        }

        long? price = null;
        if (!string.IsNullOrWhiteSpace(form.Price))
        {
            if (form.TryPriceIn(currency, out var minor))
            {
                price = minor;
            }
            else
            {
                Add("price", $"An amount such as 12.50 in {currency}.");
            }
        }

        Whole(form.Quantity, "quantity", out var quantity);
        Whole(form.PerUserLimit, "perUserLimit", out var perUserLimit);
        Whole(form.AdmitPerSecond, "admitPerSecond", out var admitPerSecond);
        var startsAt = Time(form.StartsAt, "startsAt");
        var endsAt = Time(form.EndsAt, "endsAt");
        return new CreateSaleRequest(skuId, price, quantity, perUserLimit, startsAt, endsAt, null, admitPerSecond);
    }

    private void Whole(string? text, string field, out long? value)
    {
        if (!NewSaleForm.TryParseWhole(text, out value))
        {
            Add(field, "A whole number.");
        }
    }

    private DateTimeOffset? Time(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (NewSaleForm.TryParseUtc(text, out var time))
        {
            return time;
        }

        Add(field, "A date and time (UTC).");
        return null;
    }

    private void Explain(Error error)
    {
        if (error.Fields is { } fields)
        {
            foreach (var (field, messages) in fields)
            {
                foreach (var message in messages)
                {
                    Add(field, message);
                }
            }

            return;
        }

        if (error.Code is "sku_not_found" or "sku_not_purchasable")
        {
            Add("skuId", error.Message);
            return;
        }

        _error = error.Message;
    }

    private void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }

        messages.Add(message);
    }

    private string? ErrorOf(string field) => _errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;
}
