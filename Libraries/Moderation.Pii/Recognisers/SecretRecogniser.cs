using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;

namespace Moderation.Pii.Recognisers;

/// <summary>
/// SECRET: API keys and tokens whose vendor prefix says what they are, PEM private-key blocks, and JWTs. Prefixes
/// are found with one vectorised multi-string search; each hit is then checked in code (length, alphabet, a
/// random-looking body) so that words like "sk-learn" or "AKIA" alone are not reported.
/// </summary>
internal static class SecretRecogniser
{
    private const string PemBegin = "-----BEGIN ";
    private const string PemEnd = "-----END ";
    private const string JwtStart = "eyJ";

    /// <summary>Prefix, the characters its body may use, and the body's length range; longer prefixes first where one starts another.</summary>
    internal static readonly TokenRule[] Rules =
    [
        new("sk-proj-", TokenAlphabet.Base64Url, 20, 400),
        new("sk-ant-", TokenAlphabet.Base64Url, 20, 400),
        new("sk-", TokenAlphabet.Base64Url, 20, 400),
        new("sk_live_", TokenAlphabet.Alphanumeric, 16, 250),
        new("sk_test_", TokenAlphabet.Alphanumeric, 16, 250),
        new("rk_live_", TokenAlphabet.Alphanumeric, 16, 250),
        new("rk_test_", TokenAlphabet.Alphanumeric, 16, 250),
        new("github_pat_", TokenAlphabet.Word, 22, 255),
        new("ghp_", TokenAlphabet.Alphanumeric, 30, 255),
        new("gho_", TokenAlphabet.Alphanumeric, 30, 255),
        new("ghu_", TokenAlphabet.Alphanumeric, 30, 255),
        new("ghs_", TokenAlphabet.Alphanumeric, 30, 255),
        new("ghr_", TokenAlphabet.Alphanumeric, 30, 255),
        new("glpat-", TokenAlphabet.Base64Url, 20, 255),
        new("xoxb-", TokenAlphabet.SlackToken, 20, 255),
        new("xoxp-", TokenAlphabet.SlackToken, 20, 255),
        new("xoxa-", TokenAlphabet.SlackToken, 20, 255),
        new("xoxr-", TokenAlphabet.SlackToken, 20, 255),
        new("xoxs-", TokenAlphabet.SlackToken, 20, 255),
        new("AKIA", TokenAlphabet.UpperAlphanumeric, 16, 16),
        new("ASIA", TokenAlphabet.UpperAlphanumeric, 16, 16),
        new("AIza", TokenAlphabet.Base64Url, 35, 35),
    ];

    private static readonly SearchValues<string> Starts = SearchValues.Create(
        [.. Rules.Select(r => r.Prefix), PemBegin, JwtStart], StringComparison.Ordinal);

    public static void Scan(string text, ref List<Candidate>? found)
    {
        // Where a PEM END marker was last looked for in vain: later BEGINs need not search again (linear time).
        var noPemEndAfter = int.MaxValue;
        var i = 0;
        while (i < text.Length)
        {
            var offset = text.AsSpan(i).IndexOfAny(Starts);
            if (offset < 0)
            {
                return;
            }

            var p = i + offset;
            var end = text.AsSpan(p).StartsWith(PemBegin, StringComparison.Ordinal) ? PemBlockEnd(text, p, ref noPemEndAfter)
                : text.AsSpan(p).StartsWith(JwtStart, StringComparison.Ordinal) ? JwtEnd(text, p)
                : TokenEnd(text, p);
            if (end > 0)
            {
                Candidate.Add(ref found, PiiLabels.Secret, p, end, text[p] == '-' ? Scores.PemBlock : Scores.PrefixedSecret);
                i = end;
            }
            else
            {
                i = p + 1;
            }
        }
    }

    /// <summary>The prefix of the secret that <paramref name="value"/> starts with (for masking); the PEM header line for a PEM block.</summary>
    internal static int PrefixLength(ReadOnlySpan<char> value)
    {
        if (value.StartsWith(PemBegin, StringComparison.Ordinal))
        {
            var close = value[PemBegin.Length..].IndexOf("-----", StringComparison.Ordinal);
            return close < 0 ? PemBegin.Length : PemBegin.Length + close + 5;
        }

        if (value.StartsWith(JwtStart, StringComparison.Ordinal))
        {
            return JwtStart.Length;
        }

        foreach (var rule in Rules)
        {
            if (value.StartsWith(rule.Prefix, StringComparison.Ordinal))
            {
                return rule.Prefix.Length;
            }
        }

        return 0;
    }

    private static int TokenEnd(string text, int p)
    {
        if (p > 0 && (char.IsAsciiLetterOrDigit(text[p - 1]) || text[p - 1] is '_' or '-'))
        {
            return -1;
        }

        foreach (var rule in Rules)
        {
            if (!text.AsSpan(p).StartsWith(rule.Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var bodyStart = p + rule.Prefix.Length;
            var end = bodyStart;
            while (end < text.Length && end - bodyStart <= rule.MaxLength && rule.Allows(text[end]))
            {
                end++;
            }

            var body = text.AsSpan(bodyStart, end - bodyStart);
            var glued = end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] is '_' or '-');
            if (!glued && body.Length >= rule.MinLength && body.Length <= rule.MaxLength && LooksRandom(body, rule))
            {
                return end;
            }

            // The first matching prefix is the most specific; a shorter one would only see a worse body.
            return -1;
        }

        return -1;
    }

    /// <summary>Key material is random: a body that is only letters (a word) or only digits is not a key, except AWS's fixed-length IDs.</summary>
    private static bool LooksRandom(ReadOnlySpan<char> body, TokenRule rule) =>
        rule.MinLength == rule.MaxLength || (body.ContainsAnyInRange('0', '9') && (body.ContainsAnyInRange('a', 'z') || body.ContainsAnyInRange('A', 'Z')));

    /// <summary>-----BEGIN … PRIVATE KEY----- through its END line; without an END line, through the base64 body that follows.</summary>
    private static int PemBlockEnd(string text, int p, ref int noPemEndAfter)
    {
        var headerEnd = text.AsSpan(p + PemBegin.Length).IndexOfAny('\n', '-');
        if (headerEnd < 0)
        {
            return -1;
        }

        var header = text.AsSpan(p + PemBegin.Length, headerEnd);
        var afterHeader = p + PemBegin.Length + headerEnd;
        if (!header.EndsWith("PRIVATE KEY", StringComparison.Ordinal) || !text.AsSpan(afterHeader).StartsWith("-----", StringComparison.Ordinal))
        {
            return -1;
        }

        afterHeader += 5;
        var endMarker = afterHeader < noPemEndAfter ? text.AsSpan(afterHeader).IndexOf(PemEnd, StringComparison.Ordinal) : -1;
        if (endMarker >= 0)
        {
            var close = text.AsSpan(afterHeader + endMarker + PemEnd.Length).IndexOf("-----", StringComparison.Ordinal);
            if (close is >= 0 and <= 40)
            {
                return afterHeader + endMarker + PemEnd.Length + close + 5;
            }
        }
        else
        {
            noPemEndAfter = Math.Min(noPemEndAfter, afterHeader);
        }

        var end = afterHeader;
        while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] is '+' or '/' or '=' or '\r' or '\n' or ' ' or ':' or ',' or '-'))
        {
            end++;
        }

        while (end > afterHeader && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return end;
    }

    /// <summary>header.payload.signature in base64url, the header decoding to a JSON object with an "alg" member.</summary>
    private static int JwtEnd(string text, int p)
    {
        if (p > 0 && (TokenAlphabet.Base64Url.Contains(text[p - 1]) || text[p - 1] == '.'))
        {
            return -1;
        }

        var headerEnd = Base64UrlRun(text, p);
        if (headerEnd >= text.Length || text[headerEnd] != '.')
        {
            return -1;
        }

        var payloadEnd = Base64UrlRun(text, headerEnd + 1);
        if (payloadEnd - headerEnd < 3 || payloadEnd >= text.Length || text[payloadEnd] != '.')
        {
            return -1;
        }

        var end = Base64UrlRun(text, payloadEnd + 1);
        var continues = end + 1 < text.Length && text[end] == '.' && TokenAlphabet.Base64Url.Contains(text[end + 1]);
        if (end == payloadEnd + 1 || continues || !HeaderHasAlg(text.AsSpan(p, headerEnd - p)))
        {
            return -1;
        }

        return end;
    }

    private static int Base64UrlRun(string text, int from)
    {
        var end = from;
        while (end < text.Length && TokenAlphabet.Base64Url.Contains(text[end]))
        {
            end++;
        }

        return end;
    }

    private static bool HeaderHasAlg(ReadOnlySpan<char> header)
    {
        // Headers are a few dozen bytes; a longer first segment is not a JWT header worth decoding. A length of
        // 1 mod 4 is not base64 at all (TryDecodeFromChars throws on it rather than returning false).
        if (header.Length is < 10 or > 512 || header.Length % 4 == 1)
        {
            return false;
        }

        Span<byte> json = stackalloc byte[384];
        try
        {
            if (!Base64Url.TryDecodeFromChars(header, json, out var written))
            {
                return false;
            }

            var reader = new Utf8JsonReader(json[..written]);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("alg"u8))
                {
                    return reader.Read() && reader.TokenType == JsonTokenType.String;
                }

                reader.Skip();
            }

            return false;
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            return false;
        }
    }
}
