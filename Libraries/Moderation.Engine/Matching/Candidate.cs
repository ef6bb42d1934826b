namespace Moderation.Engine.Matching;

/// <summary>An automaton state with output, reached at a record: one or more patterns may end here.</summary>
internal readonly record struct Candidate(int State, int RecordIndex);
