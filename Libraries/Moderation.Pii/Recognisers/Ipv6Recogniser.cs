using System.Net;
using System.Net.Sockets;

namespace Moderation.Pii.Recognisers;

/// <summary>
/// IP_ADDRESS, version 6: around each ':' the run of hex digits, colons and dots (an embedded IPv4 tail) is a
/// candidate when it has two colons or more and a digit, stands on word boundaries, and
/// <see cref="IPAddress.TryParse(ReadOnlySpan{char}, out IPAddress?)"/> reads it as IPv6. Times (12:30:45) and
/// MAC addresses fail the parse.
/// </summary>
internal static class Ipv6Recogniser
{
    /// <summary>The longest textual IPv6 address (with an IPv4 tail) is 45 characters.</summary>
    private const int MaxLength = 45;

    public static void Scan(string text, ref List<Candidate>? found)
    {
        var i = 0;
        while (i < text.Length)
        {
            var offset = text.AsSpan(i).IndexOf(':');
            if (offset < 0)
            {
                return;
            }

            var colon = i + offset;
            var start = colon;
            while (start > i && (Chars.IsHex(text[start - 1]) || text[start - 1] == ':'))
            {
                start--;
            }

            var end = colon;
            while (end < text.Length && (Chars.IsHex(text[end]) || text[end] is ':' or '.'))
            {
                end++;
            }

            i = end;
            while (end > start && text[end - 1] == '.')
            {
                end--;
            }

            if (IsAddress(text, start, end))
            {
                Candidate.Add(ref found, PiiLabels.IpAddress, start, end, Scores.Ipv6);
            }
        }
    }

    private static bool IsAddress(string text, int start, int end)
    {
        var run = text.AsSpan(start, end - start);
        if (run.Length is < 3 or > MaxLength || run.Count(':') < 2 || !run.ContainsAnyInRange('0', '9')
            || (start > 0 && (Chars.IsWordChar(text[start - 1]) || text[start - 1] == ':'))
            || (end < text.Length && (Chars.IsWordChar(text[end]) || text[end] == ':')))
        {
            return false;
        }

        return IPAddress.TryParse(run, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6;
    }
}
