namespace Emporium.Web.Components.Pages.Catalog.Results;

/// <summary>A filter as a link: a facet value with its count, or an applied filter whose link removes it.</summary>
public sealed record FacetLink(string Label, string Href, long Count = 0, bool Selected = false);
