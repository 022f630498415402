using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Emporium.Web.Components.Pages.Catalog.Results;

/// <summary>
/// The links of a results page: the current search's parameters with one changed. Any change of filter
/// starts again at page one; on a category page the category is the path, not a parameter.
/// </summary>
internal sealed class ResultsLinks
{
    /// <summary>The parameters of <c>GET /api/search</c> a results page carries, in the order links show them.</summary>
    public static readonly string[] Parameters = ["q", "category", "brand", "minPrice", "maxPrice", "minRating", "inStock", "sort"];

    private readonly string _basePath;
    private readonly bool _categoryInPath;
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public ResultsLinks(string basePath, bool categoryInPath, IQueryCollection query)
    {
        _basePath = basePath;
        _categoryInPath = categoryInPath;
        foreach (var name in Parameters)
        {
            if (categoryInPath && name == "category")
            {
                continue;
            }

            var value = name == "brand"
                ? string.Join(',', Brands(query[name]))
                : query[name].ToString().Trim();
            if (value.Length > 0)
            {
                _values[name] = value;
            }
        }
    }

    public IReadOnlyDictionary<string, string> Values => _values;

    public string BasePath => _basePath;

    public IReadOnlyList<string> SelectedBrands => _values.TryGetValue("brand", out var brands) ? Brands([brands]) : [];

    public string? Get(string name) => _values.GetValueOrDefault(name);

    public bool Has(string name) => _values.ContainsKey(name);

    /// <summary>This search with <paramref name="changes"/> applied (null removes a parameter), back on page one.</summary>
    public string With(params (string Name, string? Value)[] changes)
    {
        var values = new Dictionary<string, string>(_values, StringComparer.Ordinal);
        foreach (var (name, value) in changes)
        {
            if (string.IsNullOrEmpty(value))
            {
                values.Remove(name);
            }
            else
            {
                values[name] = value;
            }
        }

        return Build(_basePath, values);
    }

    public string Page(int page) => page <= 1 ? With() : Build(_basePath, new Dictionary<string, string>(_values, StringComparer.Ordinal) { ["page"] = page.ToString(CultureInfo.InvariantCulture) });

    public string ToggleBrand(string slug)
    {
        var brands = SelectedBrands.ToList();
        if (brands.RemoveAll(b => string.Equals(b, slug, StringComparison.OrdinalIgnoreCase)) == 0)
        {
            brands.Add(slug);
        }

        return With(("brand", string.Join(',', brands)));
    }

    /// <summary>A category facet: on a category page, the subcategory's own page; on search, the parameter.</summary>
    public string Category(string slug) =>
        _categoryInPath ? Build(Urls.Category(slug), _values) : With(("category", slug));

    private static List<string> Brands(IEnumerable<string?> values) =>
        values.SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();

    private static string Build(string path, Dictionary<string, string> values)
    {
        var text = new StringBuilder(path);
        var separator = '?';
        foreach (var name in Parameters.Append("page"))
        {
            if (values.TryGetValue(name, out var value))
            {
                text.Append(separator).Append(name).Append('=').Append(Uri.EscapeDataString(value));
                separator = '&';
            }
        }

        return text.ToString();
    }
}
