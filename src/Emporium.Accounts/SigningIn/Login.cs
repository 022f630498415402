using Emporium.Accounts.Authentication;
using Emporium.BuildingBlocks.Http;
using Microsoft.AspNetCore.Http;

namespace Emporium.Accounts.SigningIn;

/// <summary>
/// <c>POST /api/accounts/login</c>: checks the password, sets the auth cookie and returns a bearer token.
/// A wrong password and an unknown email get the same 401 after the same work.
/// </summary>
internal static class Login
{
    public sealed record LoginRequest(string? Email, string? Password);

    public static async Task<IResult> Handle(LoginRequest request, HttpContext context, PasswordSignIn signIn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await signIn.SignInAsync(context, request.Email, request.Password, cancellationToken) switch
        {
            SignInOutcome.Succeeded succeeded => TypedResults.Ok(succeeded.SignedIn),
            SignInOutcome.Invalid invalid => Problems.From(invalid.Error),
            SignInOutcome.Locked locked => AccountProblems.TooManyAttempts(context, locked.RetryAfter, "Too many failed sign-in attempts for this account; try again later."),
            _ => AccountProblems.WrongCredentials(),
        };
    }
}
