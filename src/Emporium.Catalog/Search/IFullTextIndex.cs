using System.Data.Common;

namespace Emporium.Catalog.Search;

/// <summary>
/// One product that matched the words and the engine-side filters, with what the facets, filters
/// and sorts need. Kept small: a common word can match tens of thousands of products.
/// </summary>
internal readonly record struct Candidate(long Id, double Score, long BrandId, long CategoryId, long Price, double Rating, int RatingCount, long CreatedAt);

/// <summary>
/// The text query after typo correction: every group must match, and a group matches when any of its
/// alternatives does (the word as typed, plus vocabulary words one edit away when the word is unknown).
/// </summary>
internal sealed record TextQuery(IReadOnlyList<IReadOnlyList<string>> Groups);

/// <summary>
/// Filters pushed into the engine: they narrow the match set before facets are counted.
/// <paramref name="Category"/> is the chosen category (its subtree is <paramref name="CategoryIds"/>);
/// <paramref name="Ranked"/> says whether relevance scores are wanted (only for the relevance sort).
/// </summary>
internal sealed record EngineFilter(long? Category, IReadOnlyList<long>? CategoryIds, bool InStockOnly, bool Ranked);

/// <summary>
/// The engine-specific part of search: the full-text match (SQLite FTS5 or PostgreSQL tsvector).
/// Everything after the match (filters, facets, sorting, paging) is engine-neutral C#, so both
/// engines behave the same and the same tests run on both.
/// </summary>
internal interface IFullTextIndex
{
    /// <summary>Active products matching the text (or every active product when <paramref name="text"/> is null) and the filter.</summary>
    Task<List<Candidate>> MatchAsync(DbConnection connection, TextQuery? text, EngineFilter filter, CancellationToken cancellationToken);

    /// <summary>Active products whose title matches every group (any word of it), best first.</summary>
    Task<List<(long Id, string Title)>> TitlesMatchingAsync(DbConnection connection, TextQuery title, int limit, CancellationToken cancellationToken);
}
