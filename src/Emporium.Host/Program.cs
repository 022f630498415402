using Emporium.Accounts;
using Emporium.Adapters.Redis;
using Emporium.Adapters.RabbitMq;
using Emporium.BuildingBlocks.Messaging;
using Emporium.BuildingBlocks.Persistence;
using Emporium.Cart;
using Emporium.Catalog;
using Emporium.Checkout;
using Emporium.FlashSales;
using Emporium.Inventory;
using Emporium.Orders;
using Emporium.Payments;
using Emporium.Pricing;
using Emporium.Host.Hosting;
using Emporium.Web;

// `Emporium.Host seed-catalog --products N` fills an empty database with a large generated catalog.
if (args.Length > 0 && args[0] == SeedCatalogCommand.Name)
{
    return await SeedCatalogCommand.RunAsync(args[1..]);
}

// `Emporium.Host issue-tokens --count N --out FILE` writes bearer tokens for synthetic buyers (load tests).
if (args.Length > 0 && args[0] == IssueTokensCommand.Name)
{
    return await IssueTokensCommand.RunAsync(args[1..]);
}

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = ContentRoot.For(args) });
var options = EmporiumOptions.From(builder.Configuration);

// The pages' CSS and scripts (and blazor.web.js) when running from a build output in any environment,
// not only Development; a published app has them in wwwroot and this finds no manifest to read.
builder.WebHost.UseStaticWebAssets();

builder.Services.AddEmporiumPersistence(builder.Configuration);
builder.Services.AddEmporiumMessaging();
builder.Services.AddRabbitMqMessaging(builder.Configuration);
builder.Services.AddEmporiumWeb();
builder.Services.AddEmporiumStorefront();
builder.Services.AddAccountsModule(options, builder.Configuration);
builder.Services.AddCatalogModule(options);
builder.Services.AddInventoryModule(options, builder.Configuration);
builder.Services.AddCartModule(options, builder.Configuration);
builder.Services.AddPricingModule(options, builder.Configuration);
builder.Services.AddPaymentsModule(options, builder.Configuration);
builder.Services.AddOrdersModule(options, builder.Configuration);
builder.Services.AddCheckoutModule(options, builder.Configuration);
builder.Services.AddFlashSalesModule(options, builder.Configuration);

// Scale-out adapters replace in-process ports when their engine is configured.
builder.Services.AddRedisAdapters(options, builder.Configuration);

var app = builder.Build();
app.Logger.LogInformation(
    "Emporium starting: database {Provider} ({Location}), shared state {SharedState}, demo data {DemoData}",
    options.Provider,
    options.Provider == DatabaseProvider.Sqlite ? options.SqliteFile : "ConnectionStrings:Postgres",
    RedisAdapters.IsConfigured(builder.Configuration) ? "Redis (ConnectionStrings:Redis)" : "in process",
    options.DemoData);
app.Logger.LogInformation("Integration events: {Transport}", app.Services.GetRequiredService<IOutboxTransport>().Description);

await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(app.Lifetime.ApplicationStopping);

app.UseEmporiumWeb(beforeAuthentication: web => web.UseFlashSalesFastPath());
app.MapAccountsEndpoints();
app.MapCatalogEndpoints();
app.MapInventoryEndpoints();
app.MapCartEndpoints();
app.MapPricingEndpoints();
app.MapPaymentsEndpoints();
app.MapOrdersEndpoints();
app.MapCheckoutEndpoints();
app.MapFlashSalesEndpoints();
app.MapEmporiumStorefront();

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in the integration tests.</summary>
public partial class Program;
