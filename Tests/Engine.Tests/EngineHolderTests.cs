using Moderation.Engine;
using Moderation.Engine.Lexicons;

namespace Engine.Tests;

public class EngineHolderTests
{
    [Fact]
    public void SwappedEngineDetectsTheAddedWordWhileTheOldOneStaysAsItWas()
    {
        var before = TestLexicon.Engine;
        var holder = new EngineHolder(before);
        var added = new LexiconEntry("frobnicate", "en", "insult", 1, MatchScope.Word);

        holder.Swap(ModerationEngine.Create(before.Lexicon.WithOverrides([added], [("en", "stfu")])));

        Assert.Single(holder.Current.Detect("do not frobnicate"));
        Assert.Empty(holder.Current.Detect("stfu"));
        Assert.Empty(before.Detect("do not frobnicate"));
        Assert.Single(before.Detect("stfu"));
    }

    [Fact]
    public async Task ReadersDuringSwapsAlwaysSeeAWholeEngine()
    {
        var plain = TestLexicon.Engine;
        var extended = ModerationEngine.Create(plain.Lexicon.WithOverrides(
            [new LexiconEntry("frobnicate", "en", "insult", 1, MatchScope.Word)], []));
        var holder = new EngineHolder(plain);
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var swapper = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                holder.Swap(holder.Current == plain ? extended : plain);
            }
        });
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var engine = holder.Current;
                var hits = engine.Detect("frobnicate, you sh1t");
                Assert.Equal(engine == extended ? 2 : 1, hits.Count);
            }
        }));

        await Task.WhenAll([swapper, .. readers]);
    }
}
