using System.Data.Common;

namespace Emporium.Catalog.Search;

/// <summary>
/// The engine-specific part of typo correction: for each unknown word, the vocabulary words one edit
/// away from it (exactly the words among <see cref="TypoVariants.Of"/>) with their document counts.
/// How they are found differs (every variant looked up by key, or a trigram index on PostgreSQL);
/// what is found must not, so typo tolerance is the same on both engines.
/// </summary>
internal interface ITypoNeighbours
{
    Task<Dictionary<string, Dictionary<string, long>>> FindAsync(DbConnection connection, IReadOnlyCollection<string> unknownWords, CancellationToken cancellationToken);
}
