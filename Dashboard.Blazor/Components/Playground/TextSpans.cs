using Dashboard.Blazor.AdminApi;

namespace Dashboard.Blazor.Components.Playground;

/// <summary>One run of the checked text: plain, a lexicon hit or personal data.</summary>
public sealed record TextSpan(string Text, SpanKind Kind, string? Note);

public enum SpanKind
{
    Plain,
    Lexicon,
    PersonalData,
}

/// <summary>Cuts a text into runs at its findings' offsets (UTF-16), so each run is rendered as text (encoded), never as markup.</summary>
public static class TextSpans
{
    public static IReadOnlyList<TextSpan> Split(string text, DetectTextAnswer answer)
    {
        var marks = answer.Lexicon.Hits
            .Select(h => (Start: h.Start, End: h.Start + h.Length, Kind: SpanKind.Lexicon, Note: $"{h.FilteredWord} · {h.Category}"))
            .Concat((answer.Pii?.Entities ?? []).Select(e => (e.Start, e.End, Kind: SpanKind.PersonalData, Note: (string)e.Label)))
            .Where(m => m.Start >= 0 && m.End <= text.Length && m.Start < m.End)
            .OrderBy(m => m.Start)
            .ThenByDescending(m => m.End);

        var runs = new List<TextSpan>();
        var at = 0;
        foreach (var mark in marks)
        {
            if (mark.Start < at)
            {
                continue; // overlaps a run already marked: the first (longest) one wins
            }

            if (mark.Start > at)
            {
                runs.Add(new TextSpan(text[at..mark.Start], SpanKind.Plain, null));
            }

            runs.Add(new TextSpan(text[mark.Start..mark.End], mark.Kind, mark.Note));
            at = mark.End;
        }

        if (at < text.Length)
        {
            runs.Add(new TextSpan(text[at..], SpanKind.Plain, null));
        }

        return runs;
    }
}
