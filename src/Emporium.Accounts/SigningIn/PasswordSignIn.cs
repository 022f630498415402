using Emporium.Accounts.Authentication;
using Emporium.Accounts.RateLimiting;
using Emporium.Accounts.Users;
using Emporium.BuildingBlocks.Results;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;

namespace Emporium.Accounts.SigningIn;

/// <summary>What one password sign-in came to; each caller (the API, the sign-in page) answers it its own way.</summary>
internal abstract record SignInOutcome
{
    private SignInOutcome()
    {
    }

    public sealed record Succeeded(SignedIn SignedIn) : SignInOutcome;

    /// <summary>The email or password is missing or longer than any account's.</summary>
    public sealed record Invalid(Error Error) : SignInOutcome;

    /// <summary>A wrong password and an unknown email alike.</summary>
    public sealed record WrongCredentials : SignInOutcome;

    /// <summary>Too many failures for this account: wait <paramref name="RetryAfter"/>.</summary>
    public sealed record Locked(TimeSpan RetryAfter) : SignInOutcome;
}

/// <summary>
/// Signs in with an email and a password: the per-account failure limit, the same work for a wrong
/// password as for an unknown email, the hash upgrade, then <see cref="SignInFlow"/> (cookie, token, and
/// the observers: the guest cart merges). The per-address limit is the caller's, as it wraps the request.
/// </summary>
internal sealed class PasswordSignIn(UserStore users, Passwords passwords, ISignInLimits limits, SignInFlow signIn)
{
    public async Task<SignInOutcome> SignInAsync(HttpContext context, string? email, string? password, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        // Bounds no account can exceed: saying so reveals nothing, and keeps huge keys out of the failure counter.
        if (string.IsNullOrWhiteSpace(email) || email.Length > EmailAddress.MaxLength)
        {
            errors.Add("email", "An email address is required.");
        }

        if (string.IsNullOrEmpty(password) || password.Length > PasswordPolicy.MaxLength)
        {
            errors.Add("password", "A password is required.");
        }

        if (errors.Any)
        {
            return new SignInOutcome.Invalid(errors.ToError());
        }

        var account = EmailAddress.Normalize(email!);
        var verdict = await limits.TryBeginAsync(account);
        if (!verdict.IsAllowed)
        {
            return new SignInOutcome.Locked(verdict.RetryAfter);
        }

        var user = await users.FindByEmailAsync(account, cancellationToken);
        var check = passwords.Verify(user?.PasswordHash, password!);
        if (user is null || check == PasswordVerificationResult.Failed)
        {
            return new SignInOutcome.WrongCredentials();
        }

        await limits.SucceededAsync(account);
        if (check == PasswordVerificationResult.SuccessRehashNeeded)
        {
            // The hasher's parameters were raised since this hash was made: upgrade it while we know the password.
            await users.UpdatePasswordHashAsync(user.Id, passwords.Hash(password!), cancellationToken);
        }

        return new SignInOutcome.Succeeded(await signIn.SignInAsync(context, user, cancellationToken));
    }
}
