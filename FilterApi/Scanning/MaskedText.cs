using System.Text;
using Moderation.Engine;
using Moderation.Pii;

namespace FilterApi.Scanning;

/// <summary>A text with abusive spans masked by <c>*</c> and personal data replaced by its label, in one pass.</summary>
internal static class MaskedText
{
    public static string Of(string text, IReadOnlyList<Detection> abusive, IReadOnlyList<PiiEntity> entities)
    {
        if (entities.Count == 0)
        {
            return abusive.Count == 0 ? text : ModerationEngine.Mask(text, abusive);
        }

        // Between personal-data values, the abusive spans that lie wholly there are masked as the lexicon tier masks them.
        var masked = new StringBuilder(text.Length);
        var at = 0;
        foreach (var entity in entities)
        {
            masked.Append(MaskPiece(text, at, entity.Start, abusive)).Append(entity.Label);
            at = entity.End;
        }

        return masked.Append(MaskPiece(text, at, text.Length, abusive)).ToString();
    }

    private static string MaskPiece(string text, int from, int to, IReadOnlyList<Detection> abusive)
    {
        var piece = text[from..to];
        List<Detection> inside = [.. abusive
            .Where(d => d.Start >= from && d.Start + d.Length <= to)
            .Select(d => d with { Start = d.Start - from })];
        return inside.Count == 0 ? piece : ModerationEngine.Mask(piece, inside);
    }
}
