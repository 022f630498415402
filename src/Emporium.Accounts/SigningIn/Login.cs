using Emporium.Accounts.Authentication;
using Emporium.Accounts.RateLimiting;
using Emporium.Accounts.Users;
using Emporium.BuildingBlocks.Http;
using Emporium.BuildingBlocks.Results;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;

namespace Emporium.Accounts.SigningIn;

/// <summary>
/// <c>POST /api/accounts/login</c>: checks the password, sets the auth cookie and returns a bearer token.
/// A wrong password and an unknown email get the same 401 after the same work.
/// </summary>
internal static class Login
{
    public sealed record LoginRequest(string? Email, string? Password);

    public static async Task<IResult> Handle(
        LoginRequest request, HttpContext context, UserStore users, Passwords passwords, ISignInLimits limits, SignInFlow signIn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new ValidationErrors();
        // Bounds no account can exceed: saying so reveals nothing, and keeps huge keys out of the failure counter.
        if (string.IsNullOrWhiteSpace(request.Email) || request.Email.Length > EmailAddress.MaxLength)
        {
            errors.Add("email", "An email address is required.");
        }

        if (string.IsNullOrEmpty(request.Password) || request.Password.Length > PasswordPolicy.MaxLength)
        {
            errors.Add("password", "A password is required.");
        }

        if (errors.Any)
        {
            return Problems.From(errors.ToError());
        }

        var account = EmailAddress.Normalize(request.Email!);
        var verdict = await limits.TryBeginAsync(account);
        if (!verdict.IsAllowed)
        {
            return AccountProblems.TooManyAttempts(context, verdict.RetryAfter, "Too many failed sign-in attempts for this account; try again later.");
        }

        var user = await users.FindByEmailAsync(account, cancellationToken);
        var check = passwords.Verify(user?.PasswordHash, request.Password!);
        if (user is null || check == PasswordVerificationResult.Failed)
        {
            return AccountProblems.WrongCredentials();
        }

        await limits.SucceededAsync(account);
        if (check == PasswordVerificationResult.SuccessRehashNeeded)
        {
            // The hasher's parameters were raised since this hash was made: upgrade it while we know the password.
            await users.UpdatePasswordHashAsync(user.Id, passwords.Hash(request.Password!), cancellationToken);
        }

        return TypedResults.Ok(await signIn.SignInAsync(context, user, cancellationToken));
    }
}
