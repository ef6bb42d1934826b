namespace Moderation.Engine.Scoring;

/// <summary>Which of the gateway's languages a text is written in, from its script: ko, zh or en.</summary>
public static class LanguageGuess
{
    public static string Of(ReadOnlySpan<char> text)
    {
        int hangul = 0, han = 0;
        foreach (var c in text)
        {
            if (c is (>= '\uAC00' and <= '\uD7A3') or (>= '\u3131' and <= '\u318E') or (>= '\u1100' and <= '\u11FF'))
            {
                hangul++;
            }
            else if (c is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF'))
            {
                han++;
            }
        }

        // Korean text may carry a few Hanja; Chinese text never carries Hangul.
        return hangul + han == 0 ? "en" : hangul >= han ? "ko" : "zh";
    }
}
