using System.Diagnostics.CodeAnalysis;
using RaftChaos.Checker.History;

namespace RaftChaos.Checker.Models;

/// <summary>
/// A model's hint: true, with the state in <paramref name="state"/>, when <paramref name="operation"/> is legal in that
/// one state only (a read of 3: the value 3); false when it may be legal in several or the model does not say.
/// </summary>
/// <remarks>
/// A separate bool rather than a nullable state: for a value-type state (a counter's <c>long</c>) "no hint" and "only
/// in the default state" would both be <c>default</c>, and a valid history came out invalid that way.
/// </remarks>
public delegate bool ModelOnlyLegalIn<TState>(Operation operation, [MaybeNullWhen(false)] out TState state);
