namespace Engine.Benchmarks;

/// <summary>
/// The throughput benchmark's chat text with personal data planted about every 250 characters: phone numbers,
/// e-mail addresses, identity numbers, cards, IP addresses and a token, valid values synthesised for these benchmarks.
/// </summary>
internal static class PiiText
{
    private const int CharsPerValue = 250;

    public static string Generate(string lang, int length)
    {
        var values = Values(lang);
        var chat = ChatText.Generate(lang, length);
        var builder = new System.Text.StringBuilder(length + 64);
        var separator = lang == "zh" ? "，" : " ";
        var next = 0;
        for (var i = 0; builder.Length < length && i < chat.Length; i += CharsPerValue)
        {
            // Half a value's interval of chat, the value, then the other half: even a 100-character text holds one.
            var half = Math.Min(CharsPerValue / 2, (chat.Length - i) / 2);
            builder.Append(chat, i, half).Append(separator).Append(values[next++ % values.Count]).Append(separator);
            builder.Append(chat, i + half, Math.Min(CharsPerValue - half, chat.Length - i - half));
        }

        return builder.ToString(0, Math.Min(length, builder.Length));
    }

    private static IReadOnlyList<string> Values(string lang) => lang switch
    {
        "ko" => ["010-4821-7730", "870412-2405180", "5523 1234 5678 9012", "minji.park@example.co.kr", "02-573-2284", "192.168.35.7"],
        "en" => ["+1 (415) 555-0187", "sam.taylor@example.com", "4012888888881881", "10.20.30.40", "ghp_q8Zr2LmT5vXw9Bn4Kd7Hs1Jc6Fy3Pa0Ge5Ut", "2001:db8::7:1"],
        "zh" => ["13812345678", "320106198807162153", "wang.lei@example.cn", "6212345678901232", "+86 139 8765 4321", "51010719920203004X"],
        _ => throw new ArgumentOutOfRangeException(nameof(lang), lang, "expected ko, en or zh"),
    };
}
