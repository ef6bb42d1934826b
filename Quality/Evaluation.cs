using Moderation.Engine;
using EngineLexicon = Moderation.Engine.Lexicons.Lexicon;

namespace Quality;

/// <summary>A suite case the engine got wrong, with what it found (nothing, for a miss).</summary>
internal sealed record SuiteFailure(LabelledText Case, IReadOnlyList<Detection> Detections);

internal sealed record SuiteResult(
    ConfusionTable Languages,
    ConfusionTable Kinds,
    IReadOnlyList<SuiteFailure> Missed,
    IReadOnlyList<SuiteFailure> FalsePositives);

/// <summary>Runs the lexicon tier over labelled texts: a text is flagged when the engine detects anything in it.</summary>
internal static class Evaluation
{
    /// <summary>dev.jsonl: QUICK mode (first match only), as a client asking "is this clean?" would call it.</summary>
    public static ConfusionTable Dev(ModerationEngine engine, IEnumerable<LabelledText> items)
    {
        var table = new ConfusionTable(EngineLexicon.Languages);
        foreach (var item in items)
        {
            table.Add(item.Lang, engine.Detect(item.Text, firstOnly: true).Count > 0, item.Label == 1);
        }

        return table;
    }

    /// <summary>The suite: all matches, so a false positive can be shown with what matched.</summary>
    public static SuiteResult Suite(ModerationEngine engine, IEnumerable<LabelledText> cases)
    {
        var languages = new ConfusionTable(EngineLexicon.Languages);
        var kinds = new ConfusionTable([]);
        var missed = new List<SuiteFailure>();
        var falsePositives = new List<SuiteFailure>();
        foreach (var item in cases)
        {
            var detections = engine.Detect(item.Text);
            bool flagged = detections.Count > 0, positive = item.Label == 1;
            languages.Add(item.Lang, flagged, positive);
            kinds.Add(item.Kind ?? "(none)", flagged, positive);
            if (flagged != positive)
            {
                (positive ? missed : falsePositives).Add(new SuiteFailure(item, detections));
            }
        }

        return new SuiteResult(languages, kinds, missed, falsePositives);
    }
}
