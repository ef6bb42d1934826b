namespace Moderation.Engine.Matching;

/// <summary>
/// Aho-Corasick over symbol ids, stored as a double-array trie: the goto of state <c>q</c> on symbol <c>s</c>
/// is <c>t = Base[q] + s</c> when <c>Check[t] == q</c>. Unlike a full DFA table this stays small with an
/// alphabet of thousands of Hangul and Han symbols, and a goto is two array loads. State 0 is the root.
/// </summary>
internal sealed class AhoCorasickAutomaton
{
    public readonly int[] Base;
    public readonly int[] Check;
    public readonly int[] Fail;

    /// <summary>The nearest state on the failure chain (itself included) that ends a pattern, or -1.</summary>
    public readonly int[] OutLink;

    private readonly int[] _outStart;
    private readonly int[] _outPatterns;

    private AhoCorasickAutomaton(int[] @base, int[] check, int[] fail, int[] outLink, int[] outStart, int[] outPatterns)
    {
        Base = @base;
        Check = check;
        Fail = fail;
        OutLink = outLink;
        _outStart = outStart;
        _outPatterns = outPatterns;
    }

    /// <summary>The ids of the patterns that end exactly at <paramref name="state"/> (not along its failure chain).</summary>
    public ReadOnlySpan<int> PatternsEndingAt(int state) =>
        _outPatterns.AsSpan(_outStart[state], _outStart[state + 1] - _outStart[state]);

    /// <summary>Moves from <paramref name="state"/> on <paramref name="symbol"/> (symbol 0 is "in no pattern").</summary>
    public int Step(int state, int symbol)
    {
        if (symbol == 0)
        {
            return 0;
        }

        while (true)
        {
            var next = Base[state] + symbol;
            if (Check[next] == state)
            {
                return next;
            }

            if (state == 0)
            {
                return 0;
            }

            state = Fail[state];
        }
    }

    /// <param name="patterns">Symbol sequences; the index of each is its pattern id. Symbols are ≥ 1.</param>
    /// <param name="alphabetSize">One more than the largest symbol id.</param>
    public static AhoCorasickAutomaton Build(IReadOnlyList<int[]> patterns, int alphabetSize)
    {
        var trie = Trie.Build(patterns);
        var (position, @base, check, size) = Place(trie, alphabetSize);

        var fail = new int[size];
        var outLink = new int[size];
        Array.Fill(outLink, -1);
        var outputsAt = new List<int>[size];
        for (var node = 0; node < trie.Count; node++)
        {
            var p = position[node];
            fail[p] = position[trie[node].Fail];
            outputsAt[p] = trie[node].Outputs;
        }

        // Output links in breadth-first order, so a state's failure target is already linked.
        foreach (var node in trie.BreadthFirst)
        {
            var p = position[node];
            outLink[p] = trie[node].Outputs.Count > 0 ? p : node == 0 ? -1 : outLink[fail[p]];
        }

        var outStart = new int[size + 1];
        var flat = new List<int>();
        for (var p = 0; p < size; p++)
        {
            outStart[p] = flat.Count;
            if (outputsAt[p] is { } outputs)
            {
                flat.AddRange(outputs);
            }
        }

        outStart[size] = flat.Count;
        return new AhoCorasickAutomaton(@base, check, fail, outLink, outStart, [.. flat]);
    }

    /// <summary>Gives every trie node a position so that each node's children sit at <c>base + symbol</c>.</summary>
    /// <remarks>
    /// The search for a base tries only free positions for the first child, found through skip links
    /// (<see cref="FreeSlots"/>): a linear scan over taken positions made compiling the lexicon with its generated
    /// Hangul variants take seconds.
    /// </remarks>
    private static (int[] Position, int[] Base, int[] Check, int Size) Place(Trie trie, int alphabetSize)
    {
        var position = new int[trie.Count];
        var slots = new FreeSlots();
        slots.Take(0, parent: -1); // position 0: the root, child of nobody
        var bases = new List<int> { 0 };
        var symbols = new List<int>();

        foreach (var node in trie.BreadthFirst)
        {
            var children = trie[node].Children;
            if (children.Count == 0)
            {
                continue;
            }

            symbols.Clear();
            symbols.AddRange(children.Keys);
            symbols.Sort();
            var candidate = -1;
            for (var free = slots.NextFree(symbols[0]); ; free = slots.NextFree(free + 1))
            {
                candidate = free - symbols[0];
                var fits = true;
                for (var k = 1; k < symbols.Count && fits; k++)
                {
                    fits = slots.IsFree(candidate + symbols[k]);
                }

                if (fits)
                {
                    break;
                }
            }

            var parent = position[node];
            bases[parent] = candidate;
            foreach (var symbol in symbols)
            {
                var p = candidate + symbol;
                slots.Take(p, parent);
                while (bases.Count <= p)
                {
                    bases.Add(0);
                }

                position[children[symbol]] = p;
            }
        }

        // Pad so that Base[q] + symbol is always in range for any symbol of the alphabet.
        var size = slots.Count;
        var length = Math.Max(size, bases.Max() + alphabetSize + 1);
        var checkArray = new int[length];
        var baseArray = new int[length];
        Array.Fill(checkArray, -1);
        slots.CopyChecksTo(checkArray);
        bases.CopyTo(baseArray);
        return (position, baseArray, checkArray, length);
    }

    /// <summary>The check array while placing, with skip links from each taken position towards the next free one.</summary>
    private sealed class FreeSlots
    {
        private readonly List<int> _check = [];
        private readonly List<int> _skip = [];

        public int Count => _check.Count;

        public bool IsFree(int p) => p >= _check.Count || _check[p] == -1;

        public void Take(int p, int parent)
        {
            while (_check.Count <= p)
            {
                _skip.Add(_check.Count);
                _check.Add(-1);
            }

            _check[p] = parent;
            _skip[p] = p + 1;
        }

        /// <summary>The first free position at or after <paramref name="p"/>, compressing the links it follows.</summary>
        public int NextFree(int p)
        {
            var free = p;
            while (free < _skip.Count && _skip[free] != free)
            {
                free = _skip[free];
            }

            while (p < _skip.Count && _skip[p] != p)
            {
                var next = _skip[p];
                _skip[p] = free;
                p = next;
            }

            return free;
        }

        public void CopyChecksTo(int[] check) => _check.CopyTo(check);
    }

    /// <summary>A plain pointer trie with failure links, the intermediate form before placement.</summary>
    private sealed class Trie : List<Trie.Node>
    {
        public sealed class Node
        {
            public Dictionary<int, int> Children { get; } = [];

            public List<int> Outputs { get; } = [];

            public int Fail { get; set; }
        }

        public List<int> BreadthFirst { get; } = [];

        public static Trie Build(IReadOnlyList<int[]> patterns)
        {
            var trie = new Trie { new Node() };
            for (var id = 0; id < patterns.Count; id++)
            {
                var node = 0;
                foreach (var symbol in patterns[id])
                {
                    if (!trie[node].Children.TryGetValue(symbol, out var child))
                    {
                        child = trie.Count;
                        trie.Add(new Node());
                        trie[node].Children[symbol] = child;
                    }

                    node = child;
                }

                trie[node].Outputs.Add(id);
            }

            var queue = new Queue<int>();
            queue.Enqueue(0);
            while (queue.Count > 0)
            {
                var node = queue.Dequeue();
                trie.BreadthFirst.Add(node);
                foreach (var (symbol, child) in trie[node].Children)
                {
                    trie[child].Fail = node == 0 ? 0 : trie.Goto(trie[node].Fail, symbol);
                    queue.Enqueue(child);
                }
            }

            return trie;
        }

        private int Goto(int state, int symbol)
        {
            while (true)
            {
                if (this[state].Children.TryGetValue(symbol, out var next))
                {
                    return next;
                }

                if (state == 0)
                {
                    return 0;
                }

                state = this[state].Fail;
            }
        }
    }
}
