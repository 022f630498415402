namespace Emporium.BuildingBlocks.Results;

/// <summary>Collects field errors while parsing a request, then becomes one validation <see cref="Error"/>.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _fields = new(StringComparer.Ordinal);

    public bool Any => _fields.Count > 0;

    public void Add(string field, string message)
    {
        if (!_fields.TryGetValue(field, out var messages))
        {
            _fields[field] = messages = [];
        }

        messages.Add(message);
    }

    public Error ToError() => Error.Validation(_fields.ToDictionary(f => f.Key, f => f.Value.ToArray(), StringComparer.Ordinal));
}
