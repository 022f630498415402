using Microsoft.Extensions.Configuration;

namespace Emporium.Adapters.RabbitMq;

/// <summary>
/// Settings of the RabbitMQ transport. <see cref="Namespace"/> prefixes every exchange and queue, so
/// several deployments (or test runs) can share one broker without seeing each other's messages.
/// </summary>
internal sealed record RabbitMqOptions(Uri Uri, string Namespace, int DeliveryLimit, ushort Prefetch, TimeSpan RetryDelay, bool ConsumersEnabled)
{
    private const string Section = "Emporium:RabbitMq";

    public static RabbitMqOptions From(string connectionString, IConfiguration configuration) => new(
        new Uri(connectionString),
        configuration.GetValue($"{Section}:Namespace", "emporium")!,
        // A handler that fails this many deliveries in a row is poison: its message goes to the dead-letter queue.
        configuration.GetValue($"{Section}:DeliveryLimit", 5),
        // Bounded so one instance does not hoard a backlog its competitors could be handling.
        configuration.GetValue($"{Section}:Prefetch", (ushort)16),
        // Doubled per failed delivery: a database restart must not burn the delivery limit in milliseconds.
        TimeSpan.FromMilliseconds(configuration.GetValue($"{Section}:RetryDelayMilliseconds", 1000)),
        // Off on an instance that should only publish (and in the test of a queue filled while nobody consumes).
        configuration.GetValue($"{Section}:ConsumersEnabled", true));

    /// <summary>Where the broker is, for logs: never the credentials.</summary>
    public string Endpoint => $"{Uri.Host}:{(Uri.IsDefaultPort ? 5672 : Uri.Port)}{Uri.AbsolutePath}";
}
