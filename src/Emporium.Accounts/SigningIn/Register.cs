using Emporium.Accounts.Authentication;
using Emporium.Accounts.Users;
using Emporium.BuildingBlocks.Http;
using Emporium.BuildingBlocks.Results;
using Emporium.BuildingBlocks.Security;
using Microsoft.AspNetCore.Http;

namespace Emporium.Accounts.SigningIn;

/// <summary><c>POST /api/accounts/register</c>: creates a customer account and signs it in on the same request.</summary>
internal static class Register
{
    public const int MaxNameLength = 100;

    public sealed record RegisterRequest(string? Email, string? Password, string? Name);

    public static async Task<IResult> Handle(
        RegisterRequest request, HttpContext context, UserStore users, Passwords passwords, SignInFlow signIn, TimeProvider clock, CancellationToken cancellationToken)
    {
        var signedIn = await CreateAsync(request, context, users, passwords, signIn, clock, cancellationToken);
        return signedIn.IsSuccess ? TypedResults.Created("/api/accounts/me", signedIn.Value) : Problems.From(signedIn.Error!);
    }

    /// <summary>Checks the request, creates the customer and signs them in; the sign-up page calls this too.</summary>
    public static async Task<Result<SignedIn>> CreateAsync(
        RegisterRequest request, HttpContext context, UserStore users, Passwords passwords, SignInFlow signIn, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var email = request.Email?.Trim() ?? string.Empty;
        var name = request.Name?.Trim() ?? string.Empty;
        var errors = new ValidationErrors();
        if (!EmailAddress.IsValid(email))
        {
            errors.Add("email", "A valid email address is required.");
        }

        if (PasswordPolicy.Check(request.Password) is { } weak)
        {
            errors.Add("password", weak);
        }

        if (name.Length == 0 || name.Length > MaxNameLength || name.Any(char.IsControl))
        {
            errors.Add("name", $"A name of 1 to {MaxNameLength} characters is required.");
        }

        if (errors.Any)
        {
            return errors.ToError();
        }

        var user = new AccountUser(OpaqueIds.NewUserId(), email, name, passwords.Hash(request.Password!), clock.GetUtcNow(), [Roles.Customer]);
        if (!await users.CreateAsync(user, cancellationToken))
        {
            return new Error(ErrorKind.Conflict, "email_taken", "An account with this email address already exists.");
        }

        // Registration signs in, so a guest's cart follows them into the new account.
        return await signIn.SignInAsync(context, user, cancellationToken);
    }
}
