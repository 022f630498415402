using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Emporium.Web.Catalog;

/// <summary>
/// <c>GET /images/catalog/{category}-{n}.svg</c>: the demo catalog's product pictures. The demo data names
/// a picture per category and variant; rather than ship hundreds of files, each is drawn here as a
/// small SVG tile in the category's colours, so the shop looks like one without any binary assets.
/// </summary>
internal static partial class CatalogPictures
{
    private static readonly (string Back, string Shape)[] Palettes =
    [
        ("#e3edf9", "#0b5cad"), ("#fbeee0", "#c2570c"), ("#e6f4ea", "#1d7a3a"), ("#f3e8fb", "#7a3fb0"),
        ("#fdeaea", "#b3261e"), ("#e4f5f4", "#0f766e"), ("#fff6d6", "#a16207"), ("#eceff4", "#334155"),
    ];

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/images/catalog/{name}", (string name, HttpContext context) =>
            {
                var match = Name().Match(name);
                if (!match.Success)
                {
                    return Results.NotFound();
                }

                context.Response.Headers.CacheControl = "public, max-age=86400";
                var variant = int.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
                return Results.Text(Draw(match.Groups["slug"].Value, variant), "image/svg+xml");
            })
            .ExcludeFromDescription();

    private static string Draw(string slug, int variant)
    {
        // A stable hash (string.GetHashCode is randomised per process) picks the category's colours.
        var hash = slug.Aggregate(17u, (h, c) => unchecked((h * 31) + c));
        var (back, shape) = Palettes[(int)((hash + (uint)variant) % (uint)Palettes.Length)];
        var label = WebUtility.HtmlEncode(string.Join(' ', slug.Split('-').Select(w => char.ToUpperInvariant(w[0]) + w[1..])));
        var initial = label[..1];
        var shapes = (variant % 4) switch
        {
            0 => $"<rect x='95' y='70' width='110' height='110' rx='18' fill='{shape}' opacity='.9'/>",
            1 => $"<circle cx='150' cy='125' r='62' fill='{shape}' opacity='.9'/>",
            2 => $"<polygon points='150,58 218,188 82,188' fill='{shape}' opacity='.9'/>",
            _ => $"<rect x='88' y='80' width='124' height='90' rx='45' fill='{shape}' opacity='.9'/>",
        };
        return
            $"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 300 300' width='300' height='300' role='img' aria-label='{label}'>" +
            $"<rect width='300' height='300' fill='{back}'/>{shapes}" +
            $"<text x='150' y='140' font-family='system-ui,sans-serif' font-size='44' font-weight='700' fill='#fff' text-anchor='middle'>{initial}</text>" +
            $"<text x='150' y='248' font-family='system-ui,sans-serif' font-size='22' fill='{shape}' text-anchor='middle'>{label}</text></svg>";
    }

    [GeneratedRegex("^(?<slug>[a-z0-9]+(?:-[a-z0-9]+)*)-(?<n>[1-9])\\.svg$", RegexOptions.CultureInvariant)]
    private static partial Regex Name();
}
