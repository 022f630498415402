using System.Text.Json;
using Emporium.Checkout.Saga;

namespace Emporium.Checkout.Storage;

/// <summary>Saga events and inputs as stored JSON: the event's type name in its own column, its fields as the payload.</summary>
internal static class SagaEventJson
{
    private static readonly Dictionary<string, Type> Types = typeof(SagaEvent).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(SagaEvent)) && !t.IsAbstract)
        .ToDictionary(t => t.Name, StringComparer.Ordinal);

    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);

    public static string Serialize(SagaEvent change) => JsonSerializer.Serialize(change, change.GetType(), Options);

    public static SagaEvent Deserialize(string type, string payload) =>
        Types.TryGetValue(type, out var clrType)
            ? (SagaEvent)JsonSerializer.Deserialize(payload, clrType, Options)!
            : throw new InvalidOperationException($"Unknown saga event type '{type}' in storage.");

    public static string SerializeInput(CheckoutInput input) => JsonSerializer.Serialize(input, Options);

    public static CheckoutInput DeserializeInput(string json) => JsonSerializer.Deserialize<CheckoutInput>(json, Options)!;
}
