namespace Dashboard.Blazor;

/// <summary>
/// Names the console's strings (<c>Resources/SharedResource.resx</c>, <c>.ko.resx</c>) for <c>IStringLocalizer</c>.
/// Keys are the English text, so a string not yet translated still reads well.
/// </summary>
#pragma warning disable CA1812 // a marker type, never instantiated
internal sealed class SharedResource;
#pragma warning restore CA1812
