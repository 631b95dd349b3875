namespace RaftChaos.Workloads.Generators;

/// <summary>What a generator may know about the process asking for its next operation.</summary>
/// <param name="Process">The logical process id (a retired process's successor has a new id).</param>
/// <param name="Sequence">How many operations this process slot has been given before, from 0.</param>
public readonly record struct GeneratorContext(int Process, long Sequence);
