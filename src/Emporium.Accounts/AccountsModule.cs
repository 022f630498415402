using Emporium.BuildingBlocks.Persistence;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Emporium.Accounts;

/// <summary>The accounts module's registration (placeholder until the module lands in this change).</summary>
public static class AccountsModule
{
    public static IServiceCollection AddAccountsModule(this IServiceCollection services, EmporiumOptions options, IConfiguration configuration) => services;

    public static IEndpointRouteBuilder MapAccountsEndpoints(this IEndpointRouteBuilder endpoints) => endpoints;
}
