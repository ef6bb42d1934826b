namespace Dashboard.Blazor.Components.Common;

/// <summary>One row of a <see cref="CountTable"/>.</summary>
public sealed record CountRow(string Name, long Count, long? Extra);
