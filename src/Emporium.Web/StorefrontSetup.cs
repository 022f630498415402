using Emporium.BuildingBlocks.Security;
using Emporium.Web.Account;
using Emporium.Web.Catalog;
using Emporium.Web.Components;
using Emporium.Web.Payments;
using Emporium.Web.Security;
using Microsoft.AspNetCore.Antiforgery;
using Emporium.Web.Shopping;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Emporium.Web;

/// <summary>
/// The storefront, seller portal and admin pages: Razor components rendered on the server. They call the
/// modules' own services in process (ADR 0013); the REST API stays the contract for every other client.
/// </summary>
public static class StorefrontSetup
{
    public static IServiceCollection AddEmporiumStorefront(this IServiceCollection services)
    {
        services.AddRazorComponents();
        services.AddSingleton<Components.Pages.Shopping.Checkout.ShippingTicket>();
        services.AddScoped<Components.Pages.Shopping.Checkout.CheckoutReviews>();
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "emporium_antiforgery";
            antiforgery.Cookie.HttpOnly = true;
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddOptions<AntiforgeryOptions>()
            .Configure<IHostEnvironment>((antiforgery, environment) => antiforgery.Cookie.SecurePolicy = CookieSecurity.PolicyFor(environment));
        return services;
    }

    /// <summary>Security headers, antiforgery and the pages; call after authentication and authorization are in the pipeline.</summary>
    public static WebApplication MapEmporiumStorefront(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeaders>();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<App>();
        SignOutEndpoint.Map(app);
        CatalogPictures.Map(app);
        CartForms.Map(app);
        SandboxGatewayForm.Map(app);
        return app;
    }
}
