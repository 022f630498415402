using System.Text.Json.Serialization;
using Emporium.BuildingBlocks.Http;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Emporium.Host.Hosting;

/// <summary>What every endpoint gets: ProblemDetails for every error, OpenAPI, health, output cache.</summary>
internal static class WebConventions
{
    public static IServiceCollection AddEmporiumWeb(this IServiceCollection services)
    {
        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
        });
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull);
        services.AddOpenApi();
        services.AddOutputCache();
        // Schemes and policies come from the Accounts module; the pipeline needs the services either way.
        services.AddAuthentication();
        services.AddAuthorization();
        services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: [HealthTags.Ready]);
        return services;
    }

    /// <param name="app">The application whose pipeline this sets up.</param>
    /// <param name="beforeAuthentication">
    /// Middleware that must answer before authentication runs (the flash-sale sold-out fast path, which
    /// answers from memory and must not pay for decrypting a token).
    /// </param>
    public static WebApplication UseEmporiumWeb(this WebApplication app, Action<IApplicationBuilder>? beforeAuthentication = null)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // Malformed requests the framework rejects (bad JSON, missing body) are the client's fault: 4xx, not 500.
            StatusCodeSelector = exception => exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
        });
        // A browser that asks for a page gets the storefront's own error page; API clients get ProblemDetails.
        app.UseWhen(IsPageRequest, page => page.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        app.UseWhen(context => !IsPageRequest(context), api => api.UseStatusCodePages());
        beforeAuthentication?.Invoke(app);
        // Routing after the status-code pages (a re-executed request is routed to the error page again) and
        // after the sold-out fast path (which answers from memory without paying for a route match).
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseOutputCache();

        app.MapOpenApi();
        app.UseSwaggerUI(ui =>
        {
            ui.SwaggerEndpoint("/openapi/v1.json", "Emporium API v1");
            ui.RoutePrefix = "swagger";
            ui.DocumentTitle = "Emporium API";
        });

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).WithTags("Service");
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(HealthTags.Ready) }).WithTags("Service");
        return app;
    }

    private static readonly string[] ApiPrefixes = ["/api", "/health", "/openapi", "/swagger", "/_framework", "/_content"];

    private static bool IsPageRequest(HttpContext context) =>
        HttpMethods.IsGet(context.Request.Method)
        && context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase)
        && !ApiPrefixes.Any(prefix => context.Request.Path.StartsWithSegments(prefix));
}
