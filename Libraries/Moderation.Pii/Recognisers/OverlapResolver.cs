namespace Moderation.Pii.Recognisers;

/// <summary>Turns the recognisers' candidates into non-overlapping entities with their context bonus.</summary>
internal static class OverlapResolver
{
    public static IReadOnlyList<PiiEntity> Resolve(string text, List<Candidate> candidates)
    {
        if (candidates.Count == 0)
        {
            return [];
        }

        candidates.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.End.CompareTo(a.End));
        var entities = new List<PiiEntity>(candidates.Count);
        var accepted = new List<Candidate>();
        var clusterStart = 0;
        var clusterEnd = candidates[0].End;
        for (var i = 1; i <= candidates.Count; i++)
        {
            if (i < candidates.Count && candidates[i].Start < clusterEnd)
            {
                clusterEnd = Math.Max(clusterEnd, candidates[i].End);
                continue;
            }

            // Candidates [clusterStart, i) overlap one another transitively; most recognisers find a value once, so clusters are small.
            accepted.Clear();
            var cluster = candidates.GetRange(clusterStart, i - clusterStart);
            cluster.Sort(Priority);
            foreach (var candidate in cluster)
            {
                if (!accepted.Exists(a => a.Start < candidate.End && candidate.Start < a.End))
                {
                    accepted.Add(candidate);
                }
            }

            accepted.Sort(static (a, b) => a.Start.CompareTo(b.Start));
            foreach (var candidate in accepted)
            {
                var bonus = ContextWords.Before(text, candidate.Start, candidate.Label) ? Scores.ContextBonus : 0;
                entities.Add(new PiiEntity(candidate.Label, candidate.Start, candidate.End, Math.Round(Math.Min(1, candidate.Score + bonus), 2)));
            }

            if (i < candidates.Count)
            {
                clusterStart = i;
                clusterEnd = candidates[i].End;
            }
        }

        return entities;
    }

    private static int Priority(Candidate a, Candidate b)
    {
        var order = b.Length.CompareTo(a.Length);
        if (order == 0)
        {
            order = Specificity(b.Label).CompareTo(Specificity(a.Label));
        }

        if (order == 0)
        {
            order = b.Score.CompareTo(a.Score);
        }

        return order != 0 ? order : a.Start.CompareTo(b.Start);
    }

    private static int Specificity(string label) => label switch
    {
        PiiLabels.Secret => 8,
        PiiLabels.KrRrn or PiiLabels.KrFrn or PiiLabels.CnId => 7,
        PiiLabels.CreditCard => 6,
        PiiLabels.KrBrn => 5,
        PiiLabels.Email => 4,
        PiiLabels.IpAddress => 3,
        _ => 2,
    };
}
