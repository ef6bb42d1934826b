using Moderation.Engine.Lexicons;
using Moderation.Engine.Normalization;

namespace Moderation.Engine.Matching;

/// <summary>
/// For each automaton state, the one pattern a candidate there can yield when that is a plain term
/// (<see cref="Pattern.IsPlainTerm"/>): its length, entry, scope and script, or a length of 0. A text made of hits (<c>ㅅㅂㅅㅂ…</c>)
/// has a candidate per character, and following the output chain to the pattern and calling the verifier cost more
/// than the check itself, which for a plain pattern matched without gaps is one look at each record, and for a
/// prefix or a suffix (<c>ｓｈｉｔ ｓｈｉｔ …</c>: shit is a prefix) one more at the record before or after.
/// </summary>
internal sealed class PlainOutputs
{
    private readonly Output[] _outputs;

    public PlainOutputs(AhoCorasickAutomaton automaton, Pattern[] patterns)
    {
        _outputs = new Output[automaton.OutLink.Length];
        for (var state = 0; state < _outputs.Length; state++)
        {
            var (count, sole) = (0, -1);
            for (var q = automaton.OutLink[state]; q >= 0 && count < 2; q = q == 0 ? -1 : automaton.OutLink[automaton.Fail[q]])
            {
                foreach (var id in automaton.PatternsEndingAt(q))
                {
                    (count, sole) = (count + 1, id);
                }
            }

            if (count == 1 && patterns[sole].IsPlainTerm && patterns[sole].Scope is MatchScope.Substring or MatchScope.Prefix or MatchScope.Suffix)
            {
                _outputs[state] = new Output(patterns[sole].Symbols.Length, patterns[sole].Source, patterns[sole].Scope, patterns[sole].Script);
            }
        }
    }

    /// <summary>The sole plain pattern of <paramref name="state"/>, if it has one (a length of 0 if not).</summary>
    public ref readonly Output At(int state) => ref _outputs[state];

    public readonly record struct Output(int Length, int Source, MatchScope Scope, Script Script);
}
