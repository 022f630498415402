using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Emporium.BuildingBlocks.Http;

/// <summary>
/// JSON responses for read models that clients revalidate: a strong ETag over the serialized body,
/// <c>304 Not Modified</c> when <c>If-None-Match</c> matches, and <c>Cache-Control: no-cache</c> so
/// a price change is seen on the next request (the server-side output cache keeps this cheap).
/// </summary>
public static class CachedJson
{
    public static IResult Ok<T>(HttpContext context, T value)
    {
        ArgumentNullException.ThrowIfNull(context);
        var jsonOptions = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var body = JsonSerializer.SerializeToUtf8Bytes(value, jsonOptions);
        var tag = new EntityTagHeaderValue("\"" + Convert.ToBase64String(SHA256.HashData(body), 0, 16).TrimEnd('=') + "\"");

        context.Response.Headers.ETag = tag.ToString();
        context.Response.Headers.CacheControl = "no-cache";

        var ifNoneMatch = context.Request.GetTypedHeaders().IfNoneMatch;
        if (ifNoneMatch.Any(candidate => candidate.Equals(EntityTagHeaderValue.Any) || candidate.Compare(tag, useStrongComparison: false)))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Bytes(body, "application/json; charset=utf-8");
    }
}
