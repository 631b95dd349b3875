namespace RaftChaos.Checker.Search;

/// <summary>What <see cref="LinearizedSetMemo.TryAdd"/> did.</summary>
internal enum MemoAddResult
{
    /// <summary>The configuration is new and now remembered.</summary>
    Added,
    /// <summary>Already explored: the search must not go there again.</summary>
    Present,
    /// <summary>Remembering it would pass the memory ceiling.</summary>
    OutOfMemory,
}
