using Emporium.Accounts.Addresses;
using Emporium.Accounts.Admin;
using Emporium.Accounts.Authentication;
using Emporium.Accounts.Profile;
using Emporium.Accounts.RateLimiting;
using Emporium.Accounts.Seeding;
using Emporium.Accounts.SigningIn;
using Emporium.Accounts.Users;
using Emporium.BuildingBlocks.Persistence;
using Emporium.BuildingBlocks.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Emporium.Accounts;

/// <summary>The accounts module's registration: the only public surface of the module.</summary>
public static class AccountsModule
{
    /// <summary>
    /// Users, roles and addresses; the authentication schemes (cookie and bearer token, both accepted on
    /// every endpoint) and the role policies every module uses; sign-in rate limits; demo accounts.
    /// </summary>
    public static IServiceCollection AddAccountsModule(this IServiceCollection services, EmporiumOptions options, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddModuleSchema("accounts", typeof(AccountsModule).Assembly);
        services.AddSingleton<UserStore>();
        services.AddSingleton<AddressStore>();
        services.AddSingleton<Passwords>();
        services.AddSingleton<SignInFlow>();
        services.AddSingleton<PasswordSignIn>();
        services.AddSingleton(LoginRateLimits.From(configuration));
        services.AddSingleton<FailedSignIns>();
        services.AddSingleton<ClientAddressLimiter>();
        services.AddSingleton<InProcessSignInLimits>();
        services.AddSingleton<ISignInLimits>(provider => provider.GetRequiredService<InProcessSignInLimits>());
        services.AddAccountsAuthentication(options);
        if (options.DemoData)
        {
            services.AddSingleton<IDataSeeder, DemoAccountsSeeder>();
        }

        return services;
    }

    /// <summary>
    /// A bearer token for <paramref name="userId"/> holding <paramref name="roles"/>, protected with the
    /// keys of <paramref name="services"/> (the data directory's key ring, or the database's when scaled out),
    /// so a host on the same data directory or database accepts it exactly like one a sign-in issued. The user need not exist: this is for load
    /// tests (<c>Emporium.Host issue-tokens</c>), where 20,000 buyers signing up would cost 20,000
    /// password hashes. Never reachable over HTTP; whoever can run it can read the keys anyway.
    /// </summary>
    public static string IssueBearerToken(IServiceProvider services, string userId, IReadOnlyList<string> roles, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        var now = (services.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow();
        var user = new AccountUser(userId, userId + "@example.invalid", userId, PasswordHash: "", now, roles);

        // The ticket SignInFlow issues, with the caller's lifetime: the bearer handler checks ExpiresUtc.
        var options = services.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>().Get(AuthSchemes.Bearer);
        var properties = new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + lifetime };
        var ticket = new AuthenticationTicket(UserPrincipal.For(user), properties, $"{AuthSchemes.Bearer}:AccessToken");
        return options.BearerTokenProtector.Protect(ticket);
    }

    public static IEndpointRouteBuilder MapAccountsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var accounts = endpoints.MapGroup("/api/accounts").WithTags("Accounts");

        accounts.MapPost("/register", Register.Handle)
            .WithName("Register").WithSummary("Creates a customer account and signs it in (auth cookie and bearer token).")
            .Produces<SignedIn>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        accounts.MapPost("/login", Login.Handle)
            .WithName("Login").WithSummary("Signs in: sets the auth cookie and returns a bearer token for API clients.")
            .WithDescription("Rate limited per client address and per account (429 with Retry-After). A wrong password and an unknown email get the same 401.")
            .LimitedPerClientAddress()
            .Produces<SignedIn>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        // Cast: a handler taking only HttpContext would otherwise bind as a RequestDelegate and drop its result.
        accounts.MapPost("/logout", (Delegate)Logout.Handle)
            .WithName("Logout").WithSummary("Removes the auth cookie.")
            .Produces(StatusCodes.Status204NoContent);

        accounts.MapGet("/me", GetMe.Handle)
            .RequireAuthorization(Policies.SignedIn)
            .WithName("GetMe").WithSummary("The signed-in user: id, email, name, roles.")
            .Produces<GetMe.AccountProfile>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        var addresses = accounts.MapGroup("/me/addresses").RequireAuthorization(Policies.SignedIn)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        addresses.MapGet("/", ListAddresses.Handle)
            .WithName("ListAddresses").WithSummary("The signed-in user's addresses.")
            .Produces<List<SavedAddress>>();
        addresses.MapPost("/", AddAddress.Handle)
            .WithName("AddAddress").WithSummary("Saves an address for the signed-in user.")
            .Produces<SavedAddress>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        addresses.MapDelete("/{addressId}", DeleteAddress.Handle)
            .WithName("DeleteAddress").WithSummary("Deletes one of the signed-in user's addresses.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);

        endpoints.MapGroup("/api/admin").WithTags("Admin").RequireAuthorization(Policies.Admin)
            .MapPost("/users/{userId}/roles", GrantRole.Handle)
            .WithName("GrantRole").WithSummary("Grants a user the seller or admin role (admins only).")
            .Produces<GrantRole.UserRoles>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return endpoints;
    }
}
