using Microsoft.AspNetCore.Http;

namespace Emporium.Web.Security;

/// <summary>
/// Headers on every page: a content security policy that allows only our own scripts and styles (no
/// inline script, so no <c>unsafe-inline</c>), no framing by other sites, no MIME sniffing, and a
/// referrer that never leaks a path (search terms, order ids) to another origin.
/// </summary>
internal sealed class SecurityHeaders(RequestDelegate next)
{
    /// <summary>
    /// <c>form-action 'self'</c> keeps every form posting to us (the sandbox gateway's card form is ours too);
    /// <c>connect-src 'self'</c> limits the scripts' fetches (suggestions, queue position) to our API.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        // The JSON API and the Swagger UI set their own; these are for the pages.
        if (!context.Request.Path.StartsWithSegments("/api") && !context.Request.Path.StartsWithSegments("/swagger"))
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
                return Task.CompletedTask;
            });
        }

        return next(context);
    }
}
