namespace Emporium.Catalog.Search;

/// <summary>
/// Every word one edit away (a missing, extra, swapped or wrong letter or digit). For a word of n
/// characters that is at most 73n + 35 candidates (36 symbols): few enough to look up in the
/// vocabulary in one query, which keeps typo tolerance identical on both engines.
/// </summary>
internal static class TypoVariants
{
    /// <summary>Words shorter than this are too ambiguous to correct ("ab" is one edit from dozens of words).</summary>
    public const int MinimumLength = 3;

    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    public static HashSet<string> Of(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var variants = new HashSet<string>(StringComparer.Ordinal);
        if (word.Length < MinimumLength)
        {
            return variants;
        }

        for (var i = 0; i <= word.Length; i++)
        {
            var left = word[..i];
            var right = word[i..];
            if (right.Length > 0)
            {
                variants.Add(left + right[1..]); // deletion
            }

            if (right.Length > 1)
            {
                variants.Add(left + right[1] + right[0] + right[2..]); // transposition
            }

            foreach (var letter in Alphabet)
            {
                if (right.Length > 0 && right[0] != letter)
                {
                    variants.Add(left + letter + right[1..]); // substitution
                }

                variants.Add(left + letter + right); // insertion
            }
        }

        variants.Remove(word);
        return variants;
    }
}
