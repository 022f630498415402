using System.Globalization;
using System.Text;

namespace Emporium.Catalog.Search;

/// <summary>
/// Splits text into search words the way the full-text engines do (letters and digits, lower case,
/// diacritics folded), so the vocabulary, typo correction and the engines agree on what a word is.
/// </summary>
internal static class SearchText
{
    public const int MaxWordLength = 40;

    public static List<string> Words(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var rune in Fold(text).EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune))
            {
                current.Append(rune.ToString());
                continue;
            }

            Flush(words, current);
        }

        Flush(words, current);
        return words;
    }

    private static void Flush(List<string> words, StringBuilder current)
    {
        if (current.Length > 0 && current.Length <= MaxWordLength)
        {
            words.Add(current.ToString());
        }

        current.Clear();
    }

    /// <summary>Lower case with diacritics removed ("Café" → "cafe"), like unicode61's remove_diacritics.</summary>
    private static string Fold(string text)
    {
        var decomposed = text.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                folded.Append(c);
            }
        }

        return folded.ToString().Normalize(NormalizationForm.FormC);
    }
}
