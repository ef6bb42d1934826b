using System.Buffers;
using System.Collections.Frozen;

namespace Moderation.Pii.Recognisers;

/// <summary>
/// Words in Korean, English and Chinese that, a little before a value, say what it is ("전화", "card", "身份证").
/// English words match case-insensitively and only as whole words ("ip" is not found in "ship"); Korean and
/// Chinese words match anywhere, since they take particles and need no spaces.
/// </summary>
internal static class ContextWords
{
    /// <summary>How far before the value to look, in UTF-16 units: about one short clause.</summary>
    public const int Window = 32;

    private static readonly FrozenDictionary<string, WordSet> ByLabel = new Dictionary<string, string[]>
    {
        [PiiLabels.PhoneNumber] =
        [
            "전화", "연락처", "핸드폰", "휴대폰", "휴대전화", "번호", "문자", "콜",
            "phone", "call", "mobile", "cell", "tel", "contact", "text me", "whatsapp", "fax",
            "电话", "手机", "联系", "致电", "号码", "微信", "拨打",
        ],
        [PiiLabels.Email] = ["이메일", "메일", "email", "e-mail", "mail", "邮箱", "邮件", "电邮"],
        [PiiLabels.KrRrn] = ["주민등록번호", "주민번호", "주민", "resident registration", "rrn", "ssn", "韩国身份证", "居民登录"],
        [PiiLabels.KrFrn] = ["외국인등록번호", "외국인", "등록번호", "alien registration", "foreigner", "frn", "residence card", "外国人登录", "外国人"],
        [PiiLabels.KrBrn] = ["사업자등록번호", "사업자번호", "사업자", "business registration", "brn", "tax id", "营业执照", "营业登记", "营业"],
        [PiiLabels.CnId] = ["身份证", "公民身份", "证件号", "id card", "id number", "citizen id", "신분증", "신분번호"],
        [PiiLabels.CreditCard] = ["카드", "결제", "card", "credit", "debit", "visa", "mastercard", "amex", "银行卡", "信用卡", "卡号", "储蓄卡"],
        [PiiLabels.IpAddress] = ["아이피", "ip", "서버", "접속", "address", "server", "host", "服务器", "地址", "ip地址"],
        [PiiLabels.Secret] = ["키", "토큰", "비밀", "key", "token", "secret", "api", "password", "密钥", "令牌", "秘钥"],
    }.ToFrozenDictionary(p => p.Key, p => new WordSet(p.Value), StringComparer.Ordinal);

    /// <summary>Words after which a dotted quad is a version, not an address (<c>version 1.2.3.4</c>, <c>버전 1.2.3.4</c>).</summary>
    public static readonly WordSet Version = new(["version", "ver", "v", "build", "release", "firmware", "버전", "빌드", "펌웨어", "版本", "固件"]);

    public static bool Before(string text, int start, string label) =>
        ByLabel.TryGetValue(label, out var words) && AnyBefore(text, start, words, Window);

    /// <summary>
    /// True when one of <paramref name="words"/> occurs within <paramref name="window"/> units before
    /// <paramref name="start"/>. One vectorised multi-string search per window (SearchValues&lt;string&gt;) instead
    /// of a search per word: this runs once or twice for every entity, and was most of an entity's cost.
    /// </summary>
    public static bool AnyBefore(string text, int start, WordSet words, int window)
    {
        var from = Math.Max(0, start - window);
        var span = text.AsSpan(from, start - from);
        var offset = 0;
        while (offset < span.Length)
        {
            var index = span[offset..].IndexOfAny(words.Values);
            if (index < 0)
            {
                return false;
            }

            var at = offset + index;
            if (!char.IsAsciiLetter(span[at]) || words.IsWholeWordAt(span, at))
            {
                return true;
            }

            offset = at + 1;
        }

        return false;
    }
}

/// <summary>Context words for one search: all of them at once, and the English ones to check as whole words.</summary>
internal sealed class WordSet(string[] words)
{
    public SearchValues<string> Values { get; } = SearchValues.Create(words, StringComparison.OrdinalIgnoreCase);

    /// <summary>An English word of the set starts at <paramref name="at"/> with no ASCII letter on either side ("ip" is not found in "ship").</summary>
    public bool IsWholeWordAt(ReadOnlySpan<char> span, int at)
    {
        if (at > 0 && char.IsAsciiLetter(span[at - 1]))
        {
            return false;
        }

        foreach (var word in words)
        {
            var end = at + word.Length;
            if (end <= span.Length && span[at..end].Equals(word, StringComparison.OrdinalIgnoreCase)
                && (end == span.Length || !char.IsAsciiLetter(span[end])))
            {
                return true;
            }
        }

        return false;
    }
}
