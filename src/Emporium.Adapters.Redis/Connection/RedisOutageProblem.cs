using Emporium.BuildingBlocks.Http;
using Emporium.BuildingBlocks.Results;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Emporium.Adapters.Redis.Connection;

/// <summary>
/// A request that needed Redis while it was unreachable (down, restarting, not connected yet, or too slow)
/// is answered 503 with <c>Retry-After</c>, not 500: the client may simply retry (every Redis write here is a
/// script that is safe to repeat or is undone by a background job).
/// A unit the gate script took before the answer was lost is found by the gate reconciliation.
/// </summary>
internal sealed class RedisOutageProblem(ILogger<RedisOutageProblem> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsOutage(exception) || httpContext.Response.HasStarted)
        {
            return false;
        }

        logger.LogWarning(exception, "Redis could not serve {Path}; answered 503", httpContext.Request.Path);
        var problem = Problems.From(new Error(
            ErrorKind.Unavailable, "shared_state_unavailable", "The shared state service is briefly unavailable, so the request could not be completed. Retry in a moment."));
        httpContext.Response.Headers.RetryAfter = "1";
        await problem.ExecuteAsync(httpContext);
        return true;
    }

    private static bool IsOutage(Exception exception) => exception switch
    {
        RedisConnectionException or RedisTimeoutException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsOutage),
        { InnerException: { } inner } => IsOutage(inner),
        _ => false,
    };
}
