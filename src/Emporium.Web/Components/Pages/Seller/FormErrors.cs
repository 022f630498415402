using Emporium.BuildingBlocks.Results;

namespace Emporium.Web.Components.Pages.Seller;

/// <summary>
/// A form's errors by field, keyed as the module's validation names them (<c>title</c>,
/// <c>skus[0].price.amount</c>), plus one message for the whole form (a conflict, an unknown category).
/// </summary>
public sealed class FormErrors
{
    private readonly Dictionary<string, List<string>> _fields = new(StringComparer.Ordinal);

    /// <summary>No errors: for the forms that were not posted.</summary>
    public static FormErrors None { get; } = new();

    public string? Summary { get; private set; }

    public bool Any => Summary is not null || _fields.Count > 0;

    public void Add(string field, string message)
    {
        if (!_fields.TryGetValue(field, out var messages))
        {
            _fields[field] = messages = [];
        }

        messages.Add(message);
    }

    /// <summary>
    /// Takes a module's error: its fields beside the inputs, anything else as the summary. A field the
    /// page already explained (a price it could not read) keeps the page's message only.
    /// </summary>
    public void Add(Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error.Fields is { Count: > 0 } fields)
        {
            foreach (var (field, messages) in fields.Where(f => !Has(f.Key)).ToList())
            {
                foreach (var message in messages)
                {
                    Add(field, message);
                }
            }

            Summary ??= "Please correct the fields marked below. Nothing was saved.";
            return;
        }

        Summary = error.Message;
    }

    public IReadOnlyList<string> For(string field) => _fields.TryGetValue(field, out var messages) ? messages : [];

    public bool Has(string field) => _fields.ContainsKey(field);

    /// <summary>An element id for the field's message, for <c>aria-describedby</c>.</summary>
    public string IdFor(string field) => "error-" + new string(field.Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray());

    /// <summary>The <c>aria-describedby</c> value when the field has an error, else null (the attribute is left out).</summary>
    public string? DescribedBy(string field) => Has(field) ? IdFor(field) : null;

    /// <summary>The messages not shown beside any of <paramref name="shown"/> fields (so none is lost).</summary>
    public IEnumerable<string> Others(IEnumerable<string> shown)
    {
        var set = shown.ToHashSet(StringComparer.Ordinal);
        return _fields.Where(f => !set.Contains(f.Key)).SelectMany(f => f.Value);
    }
}
