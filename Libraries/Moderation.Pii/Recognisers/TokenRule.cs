using System.Buffers;

namespace Moderation.Pii.Recognisers;

/// <summary>A vendor token: its prefix, the alphabet of the body after it, and the body's length range.</summary>
internal sealed record TokenRule(string Prefix, SearchValues<char> Alphabet, int MinLength, int MaxLength)
{
    public bool Allows(char c) => Alphabet.Contains(c);
}

internal static class TokenAlphabet
{
    private const string Letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const string Digits = "0123456789";

    public static readonly SearchValues<char> Alphanumeric = SearchValues.Create(Letters + Digits);

    public static readonly SearchValues<char> UpperAlphanumeric = SearchValues.Create(Letters[..26] + Digits);

    /// <summary>Letters, digits and '_' (GitHub fine-grained tokens).</summary>
    public static readonly SearchValues<char> Word = SearchValues.Create(Letters + Digits + "_");

    public static readonly SearchValues<char> Base64Url = SearchValues.Create(Letters + Digits + "-_");

    /// <summary>Slack: digits, letters and hyphens.</summary>
    public static readonly SearchValues<char> SlackToken = SearchValues.Create(Letters + Digits + "-");
}
