using System.Globalization;
using Emporium.BuildingBlocks.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace Emporium.Accounts.Authentication;

/// <summary>
/// The problems <see cref="Problems.From"/> has no error kind for (401 and 429), in the same shape:
/// a stable <c>code</c>, <c>type</c> = <see cref="Problems.TypeBase"/> + code.
/// </summary>
internal static class AccountProblems
{
    public const string NotSignedIn = "not_signed_in";
    public const string Forbidden = "forbidden";
    public const string InvalidCredentials = "invalid_credentials";
    public const string RateLimited = "rate_limited";

    /// <summary>One answer for a wrong password and an unknown email, so the response never tells which.</summary>
    public static ProblemHttpResult WrongCredentials() =>
        Problem(StatusCodes.Status401Unauthorized, InvalidCredentials, "The email or password is not correct.");

    public static ProblemHttpResult SignInRequired() =>
        Problem(StatusCodes.Status401Unauthorized, NotSignedIn, "Sign in, or send a valid bearer token.");

    /// <summary>A 429 problem; the <c>Retry-After</c> header (whole seconds, rounded up) is set on the response.</summary>
    public static ProblemHttpResult TooManyAttempts(HttpContext context, TimeSpan retryAfter, string detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        var seconds = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers[HeaderNames.RetryAfter] = seconds.ToString(CultureInfo.InvariantCulture);
        return Problem(StatusCodes.Status429TooManyRequests, RateLimited, detail);
    }

    /// <summary>Writes a 401 or 403 problem from the authentication handlers' events (no redirect to a login page).</summary>
    public static async Task WriteAsync(HttpContext context, int status)
    {
        var (code, detail) = status == StatusCodes.Status403Forbidden
            ? (Forbidden, "Your account does not have the role this requires.")
            : (NotSignedIn, "Sign in, or send a valid bearer token.");
        context.Response.StatusCode = status;
        if (status == StatusCodes.Status401Unauthorized)
        {
            context.Response.Headers.Append(HeaderNames.WWWAuthenticate, "Bearer");
        }

        var problem = Problem(status, code, detail).ProblemDetails;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>()
            .TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }

    private static ProblemHttpResult Problem(int status, string code, string detail) =>
        TypedResults.Problem(
            detail: detail,
            statusCode: status,
            title: status switch
            {
                StatusCodes.Status401Unauthorized => "Unauthorized",
                StatusCodes.Status403Forbidden => "Forbidden",
                _ => "Too many requests",
            },
            type: Problems.TypeBase + code,
            extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { ["code"] = code });
}
