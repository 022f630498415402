using Emporium.BuildingBlocks.Http;
using Emporium.BuildingBlocks.Results;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Emporium.Web.Security;

/// <summary>
/// Form posts the pages make to small endpoints (sign out, add to cart). The antiforgery middleware only
/// records whether a request's token is valid; Razor forms check that themselves, but a plain endpoint
/// must refuse on its own, or another site's hidden form could act for a signed-in shopper.
/// </summary>
internal static class FormEndpoints
{
    public static RouteHandlerBuilder RequireAntiforgeryToken(this RouteHandlerBuilder endpoint) =>
        endpoint
            .WithMetadata(new RequireAntiforgeryTokenAttribute())
            .AddEndpointFilter(async (context, next) =>
            {
                // No feature: the body was not a form at all, so there was no token to check.
                var validation = context.HttpContext.Features.Get<IAntiforgeryValidationFeature>();
                return validation is { IsValid: true }
                    ? await next(context)
                    : Problems.From(new Error(ErrorKind.Validation, "antiforgery_failed", "The form expired or came from another site. Reload the page and try again."));
            });
}
