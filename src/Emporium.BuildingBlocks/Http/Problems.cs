using Emporium.BuildingBlocks.Results;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Emporium.BuildingBlocks.Http;

/// <summary>The one place where expected errors become RFC 9457 ProblemDetails responses.</summary>
public static class Problems
{
    /// <summary>Base of every problem <c>type</c>; the error code is appended.</summary>
    public const string TypeBase = "https://emporium.dev/problems/";

    public static ProblemHttpResult From(Error error)
    {
        var status = error.Kind switch
        {
            ErrorKind.Validation => StatusCodes.Status400BadRequest,
            ErrorKind.NotFound => StatusCodes.Status404NotFound,
            ErrorKind.Conflict => StatusCodes.Status409Conflict,
            ErrorKind.Unprocessable => StatusCodes.Status422UnprocessableEntity,
            ErrorKind.PaymentRequired => StatusCodes.Status402PaymentRequired,
            ErrorKind.Gone => StatusCodes.Status410Gone,
            ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
            ErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
            _ => throw new ArgumentOutOfRangeException(nameof(error), error.Kind, "Unmapped error kind."),
        };

        var extensions = new Dictionary<string, object?>(StringComparer.Ordinal) { ["code"] = error.Code };
        if (error.Fields is not null)
        {
            extensions["errors"] = error.Fields;
        }

        return TypedResults.Problem(
            detail: error.Message,
            statusCode: status,
            title: TitleFor(status),
            type: TypeBase + error.Code,
            extensions: extensions);
    }

    private static string TitleFor(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "Bad request",
        StatusCodes.Status404NotFound => "Not found",
        StatusCodes.Status409Conflict => "Conflict",
        StatusCodes.Status410Gone => "Gone",
        StatusCodes.Status422UnprocessableEntity => "Unprocessable request",
        StatusCodes.Status402PaymentRequired => "Payment required",
        StatusCodes.Status403Forbidden => "Forbidden",
        StatusCodes.Status503ServiceUnavailable => "Service unavailable",
        _ => "Error",
    };
}
