using System.Buffers.Text;
using System.Globalization;
using System.Net;
using System.Text;

namespace Pii.Tests;

/// <summary>A value of one label, built from its grammar, with the index of its check character (-1: none).</summary>
public sealed record GeneratedValue(string Label, string Value, int CheckIndex);

/// <summary>
/// Builds valid values of each label from a seeded <see cref="Random"/>, written here from the formats' rules
/// (not from the detector), so the property tests check the detector against an independent construction.
/// </summary>
internal static class ValidValues
{
    private const string Alphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private static readonly int[] Provinces = [11, 12, 13, 31, 32, 33, 35, 37, 42, 44, 50, 51, 61, 62, 65];

    public static GeneratedValue Rrn(Random random) => Resident(random, foreigner: false);

    public static GeneratedValue Frn(Random random) => Resident(random, foreigner: true);

    public static GeneratedValue Brn(Random random)
    {
        var d = Digits(random, 9, firstNonZero: true);
        int[] weights = [1, 3, 7, 1, 3, 7, 1, 3, 5];
        var sum = d.Select((x, i) => x * weights[i]).Sum() + d[8] * 5 / 10;
        var all = d.Append((10 - (sum % 10)) % 10).ToArray();
        var text = $"{Join(all[..3])}-{Join(all[3..5])}-{Join(all[5..])}";
        return new GeneratedValue("KR_BRN", text, text.Length - 1);
    }

    public static GeneratedValue CnId(Random random)
    {
        var birth = Date(random, 1930, 2015);
        var body = $"{Provinces[random.Next(Provinces.Length)]}{random.Next(100, 10000):D4}{birth:yyyyMMdd}{random.Next(0, 1000):D3}";
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = body.Select((c, i) => (c - '0') * weights[i]).Sum();
        var check = "10X98765432"[sum % 11];
        var value = body + check;
        if (random.Next(4) == 0)
        {
            value = $"{value[..6]} {value[6..14]} {value[14..]}";
        }

        return new GeneratedValue("CN_ID", value, value.Length - 1);
    }

    public static GeneratedValue Card(Random random)
    {
        (string Prefix, int Length)[] issuers =
        [
            ("4", 16), ("51", 16), ("55", 16), ("2221", 16), ("2720", 16), ("34", 15), ("37", 15),
            ("6011", 16), ("65", 16), ("3530", 16), ("62", 16), ("62", 19), ("36", 14), ("4", 19),
        ];
        var (prefix, length) = issuers[random.Next(issuers.Length)];
        var digits = prefix.Select(c => c - '0').Concat(Digits(random, length - prefix.Length - 1, firstNonZero: false)).ToList();
        digits.Add(LuhnCheck(digits));
        var plain = Join([.. digits]);
        var text = length == 16 && random.Next(2) == 0
            ? string.Join(random.Next(2) == 0 ? " " : "-", plain.Chunk(4).Select(c => new string(c)))
            : plain;
        return new GeneratedValue("CREDIT_CARD", text, text.Length - 1);
    }

    public static GeneratedValue Phone(Random random)
    {
        var text = random.Next(9) switch
        {
            0 => $"010-{random.Next(2000, 10000)}-{random.Next(0, 10000):D4}",
            1 => $"010{random.Next(2000, 10000)}{random.Next(0, 10000):D4}",
            2 => $"02-{random.Next(200, 10000)}-{random.Next(0, 10000):D4}",
            3 => $"0{random.Next(3, 7)}{random.Next(1, 5)}-{random.Next(200, 1000)}-{random.Next(0, 10000):D4}",
            4 => $"1{random.Next(3, 10)}{random.Next(0, 10)} {random.Next(0, 10000):D4} {random.Next(0, 10000):D4}",
            5 => $"+82 10-{random.Next(2000, 10000)}-{random.Next(0, 10000):D4}",
            6 => $"+86 1{random.Next(3, 10)}{random.Next(0, 10)} {random.Next(0, 10000):D4} {random.Next(0, 10000):D4}",
            7 => $"+1 ({random.Next(2, 10)}{random.Next(0, 100):D2}) {random.Next(2, 10)}{random.Next(0, 100):D2}-{random.Next(0, 10000):D4}",
            _ => $"1{random.Next(5, 7)}{random.Next(0, 100):D2}-{random.Next(0, 10000):D4}",
        };
        return new GeneratedValue("PHONE_NUMBER", text, -1);
    }

    public static GeneratedValue Email(Random random)
    {
        const string local = "abcdefghijklmnopqrstuvwxyz0123456789";
        var name = new string([.. Enumerable.Range(0, random.Next(1, 12)).Select(_ => local[random.Next(local.Length)])]);
        if (random.Next(3) == 0)
        {
            name += random.Next(2) == 0 ? ".lee" : "+news";
        }

        string[] domains = ["example.com", "mail.example.org", "test.co.kr", "example.cn", "sub-domain.example.net"];
        return new GeneratedValue("EMAIL", $"{name}@{domains[random.Next(domains.Length)]}", -1);
    }

    public static GeneratedValue Ip(Random random)
    {
        if (random.Next(3) == 0)
        {
            var bytes = new byte[16];
            random.NextBytes(bytes);
            bytes[0] = 0x20;
            return new GeneratedValue("IP_ADDRESS", new IPAddress(bytes).ToString(), -1);
        }

        var v4 = $"{random.Next(1, 224)}.{random.Next(0, 256)}.{random.Next(0, 256)}.{random.Next(1, 255)}";
        return new GeneratedValue("IP_ADDRESS", v4, -1);
    }

    public static GeneratedValue Secret(Random random)
    {
        var text = random.Next(7) switch
        {
            0 => "sk-proj-" + Token(random, 40),
            1 => "ghp_" + Token(random, 36),
            2 => "github_pat_" + Token(random, 22) + "_" + Token(random, 59),
            3 => "AKIA" + Token(random, 16).ToUpperInvariant(),
            4 => "xoxb-" + random.Next(100000, 1000000) + "-" + random.Next(100000, 1000000) + "-" + Token(random, 24),
            5 => "glpat-" + Token(random, 20),
            _ => Jwt(random),
        };
        return new GeneratedValue("SECRET", text, -1);
    }

    /// <summary>The value with its check character changed to another digit.</summary>
    public static string WithBrokenCheck(GeneratedValue value, Random random)
    {
        var old = value.Value[value.CheckIndex];
        char replacement;
        do
        {
            replacement = (char)('0' + random.Next(10));
        }
        while (replacement == old);
        return string.Concat(value.Value.AsSpan(0, value.CheckIndex), replacement.ToString(), value.Value.AsSpan(value.CheckIndex + 1));
    }

    private static GeneratedValue Resident(Random random, bool foreigner)
    {
        var birth = Date(random, 1920, 2019);
        var female = random.Next(2);
        var g = (birth.Year >= 2000 ? 3 : 1) + female + (foreigner ? 4 : 0);
        var front = $"{birth:yyMMdd}{g}{random.Next(0, 100000):D5}";
        int[] weights = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
        var sum = front.Select((c, i) => (c - '0') * weights[i]).Sum();
        var check = ((foreigner ? 13 : 11) - (sum % 11)) % 10;
        var all = front + check.ToString(CultureInfo.InvariantCulture);
        var text = random.Next(3) == 0 ? all : $"{all[..6]}-{all[6..]}";
        return new GeneratedValue(foreigner ? "KR_FRN" : "KR_RRN", text, text.Length - 1);
    }

    private static string Jwt(Random random)
    {
        static string Encode(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));
        var header = Encode("""{"alg":"HS256","typ":"JWT"}""");
        var payload = Encode($$"""{"sub":"{{random.Next()}}","iat":{{random.Next()}}}""");
        var signature = new byte[32];
        random.NextBytes(signature);
        return $"{header}.{payload}.{Base64Url.EncodeToString(signature)}";
    }

    /// <summary>Random letters and digits, starting with a letter and ending with a digit, as real keys hold both.</summary>
    private static string Token(Random random, int length)
    {
        var chars = Enumerable.Range(0, length).Select(_ => Alphanumeric[random.Next(Alphanumeric.Length)]).ToArray();
        chars[0] = (char)('a' + random.Next(26));
        chars[^1] = (char)('0' + random.Next(10));
        return new string(chars);
    }

    private static DateTime Date(Random random, int fromYear, int toYear) =>
        new DateTime(fromYear, 1, 1).AddDays(random.Next((new DateTime(toYear, 12, 31) - new DateTime(fromYear, 1, 1)).Days + 1));

    private static int[] Digits(Random random, int count, bool firstNonZero) =>
        [.. Enumerable.Range(0, count).Select(i => i == 0 && firstNonZero ? random.Next(1, 10) : random.Next(10))];

    private static string Join(int[] digits) => string.Concat(digits.Select(d => (char)('0' + d)));

    private static int LuhnCheck(List<int> payload)
    {
        var sum = 0;
        var position = 1;
        for (var i = payload.Count - 1; i >= 0; i--, position++)
        {
            var d = payload[i];
            if (position % 2 == 1)
            {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }

            sum += d;
        }

        return (10 - (sum % 10)) % 10;
    }
}
