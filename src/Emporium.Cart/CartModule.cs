using Emporium.BuildingBlocks.Persistence;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Emporium.Cart;

/// <summary>The cart module's registration (placeholder until the module lands in this change).</summary>
public static class CartModule
{
    public static IServiceCollection AddCartModule(this IServiceCollection services, EmporiumOptions options, IConfiguration configuration) => services;

    public static IEndpointRouteBuilder MapCartEndpoints(this IEndpointRouteBuilder endpoints) => endpoints;
}
