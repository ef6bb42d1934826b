using System.Runtime.InteropServices;
using Moderation.Engine.Normalization;

namespace Moderation.Engine.Matching;

/// <summary>What stands between a symbol and the one before it.</summary>
[Flags]
internal enum Gap : byte
{
    None = 0,

    /// <summary>Punctuation, symbols, digits or emoji (<c>f.u.c.k</c>, <c>시1발</c>).</summary>
    Symbol = 1,

    /// <summary>At least one whitespace character.</summary>
    Space = 2,
}

/// <summary>
/// One run of a normalised letter in the scanned text: <c>fuuuck</c> gives four records, the second with
/// <see cref="Run"/> 3. Start/End index the original text, so every match maps back to what the client wrote.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
internal struct SymbolRecord
{
    public int Start;
    public int End;
    public ushort Symbol;
    public byte Run;
    public Gap GapBefore;
    public Script Script;
}
