namespace Emporium.BuildingBlocks.Results;

/// <summary>What kind of expected failure an <see cref="Error"/> is; decides its HTTP status in one place.</summary>
public enum ErrorKind
{
    Validation,
    NotFound,
    Conflict,
    Unprocessable,
    PaymentRequired,
    Gone,
    Forbidden,

    /// <summary>A dependency did not answer in time (a payment gateway timeout): worth retrying later.</summary>
    Unavailable,
}

/// <summary>
/// An expected outcome that is not a success (out of stock, unknown product, bad input).
/// <paramref name="Code"/> is stable and machine-readable; it becomes the ProblemDetails <c>type</c> suffix.
/// </summary>
public sealed record Error(ErrorKind Kind, string Code, string Message)
{
    /// <summary>Field name → messages, for validation errors.</summary>
    public IReadOnlyDictionary<string, string[]>? Fields { get; init; }

    public static Error NotFound(string code, string message) => new(ErrorKind.NotFound, code, message);

    public static Error Validation(IReadOnlyDictionary<string, string[]> fields) =>
        new(ErrorKind.Validation, "validation", "One or more parameters are invalid.") { Fields = fields };
}
