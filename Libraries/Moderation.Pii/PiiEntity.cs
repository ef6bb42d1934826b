namespace Moderation.Pii;

/// <summary>
/// One piece of personal data, located in the original text. It carries no copy of the value, so logging an
/// entity (its <c>ToString</c> included) never leaks what it points at; <see cref="ValueIn"/> reads the value when needed.
/// </summary>
/// <param name="Label">One of <see cref="PiiLabels.All"/>.</param>
/// <param name="Start">Index of the first UTF-16 unit of the value in the original text.</param>
/// <param name="End">Index just after the last UTF-16 unit (exclusive).</param>
/// <param name="Score">Confidence from 0 to 1: the recogniser's base score, plus a bonus for a context word before the value (Libraries/Moderation.Pii/README.md).</param>
public sealed record PiiEntity(string Label, int Start, int End, double Score)
{
    public int Length => End - Start;

    /// <summary>The value as written in <paramref name="text"/>, the text the entity was found in.</summary>
    public string ValueIn(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text[Start..End];
    }
}
