namespace FilterApi.Filtering;

/// <summary>How much work a filter request asks for.</summary>
internal enum FilterMode
{
    /// <summary>The first hit only.</summary>
    Quick,

    /// <summary>Every hit; the text is returned unmodified.</summary>
    Normal,

    /// <summary>Every hit and the text with each hit masked.</summary>
    Filter,
}
