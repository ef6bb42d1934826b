using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;

namespace FilterApi.Llm;

/// <summary>A verdict as the model gave it, validated; the judge adds timing and whether it came from the cache.</summary>
internal sealed record JudgeAnswer(LlmOutcome Outcome, IReadOnlyList<string> Categories, string Reason, double Score)
{
    /// <summary>
    /// Reads the model's answer strictly: one JSON object whose <c>verdict</c> is safe or unsafe and whose
    /// <c>score</c> is a number in 0–1; anything else (prose, a fence, a cut-off object) is malformed.
    /// Lenient only where it cannot change the decision: category names outside the taxonomy are dropped (Ollama's
    /// schema grammar prevents them; a server that ignores it should not cost the verdict), a safe verdict carries no
    /// categories, and a reason that quotes the judged text is emptied so the text never travels further.
    /// </summary>
    public static bool TryParse(string? answer, string judgedText, [NotNullWhen(true)] out JudgeAnswer? parsed)
    {
        parsed = null;
        if (string.IsNullOrWhiteSpace(answer))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(answer);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("verdict", out var verdict) || verdict.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("score", out var scoreElement) || !scoreElement.TryGetDouble(out var score)
                || score is < 0 or > 1 || double.IsNaN(score))
            {
                return false;
            }

            var outcome = verdict.GetString() switch
            {
                "safe" => LlmOutcome.Safe,
                "unsafe" => LlmOutcome.Unsafe,
                _ => LlmOutcome.Unknown,
            };
            if (outcome == LlmOutcome.Unknown)
            {
                return false;
            }

            parsed = new JudgeAnswer(outcome, outcome == LlmOutcome.Unsafe ? KnownCategories(root) : [], CleanReason(root, judgedText), score);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false; // a member of the wrong JSON type
        }
    }

    private static List<string> KnownCategories(JsonElement root)
    {
        var found = new List<string>();
        if (root.TryGetProperty("categories", out var categories) && categories.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in categories.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String && item.GetString() is { } name
                    && LlmCategories.All.Contains(name, StringComparer.Ordinal) && !found.Contains(name, StringComparer.Ordinal))
                {
                    found.Add(name);
                }
            }
        }

        return found;
    }

    private static string CleanReason(JsonElement root, string judgedText)
    {
        if (!root.TryGetProperty("reason", out var element) || element.ValueKind != JsonValueKind.String)
        {
            return "";
        }

        var reason = OneLine(element.GetString() ?? "");
        if (reason.Length > JudgePrompt.MaxReasonLength)
        {
            reason = reason[..JudgePrompt.MaxReasonLength].TrimEnd();
        }

        return Quotes(reason, OneLine(judgedText)) ? "" : reason;
    }

    /// <summary>
    /// Whether the reason repeats a piece of the text: any run of 8 characters (the whole text when shorter, so a
    /// short insult quoted in full is caught; a short text's words may also be ordinary ones, then the reason is lost,
    /// which costs nothing).
    /// </summary>
    private static bool Quotes(string reason, string text)
    {
        if (text.Length == 0)
        {
            return false;
        }

        var window = Math.Min(text.Length, 8);
        for (var start = 0; start + window <= reason.Length; start++)
        {
            if (text.AsSpan().Contains(reason.AsSpan(start, window), StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Control characters and runs of white space as single spaces, trimmed.</summary>
    private static string OneLine(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            var space = char.IsWhiteSpace(c) || char.IsControl(c);
            if (space && (builder.Length == 0 || builder[^1] == ' '))
            {
                continue;
            }

            builder.Append(space ? ' ' : c);
        }

        return builder.ToString().TrimEnd();
    }
}
