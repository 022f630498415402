namespace Emporium.BuildingBlocks.Http;

/// <summary>Tags of the health checks: <c>/health/ready</c> runs every check tagged <see cref="Ready"/>.</summary>
public static class HealthTags
{
    /// <summary>An engine the instance needs before it can serve (the database, Redis, the broker).</summary>
    public const string Ready = "ready";
}
