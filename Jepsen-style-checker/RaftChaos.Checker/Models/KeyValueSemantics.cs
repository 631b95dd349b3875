using System.Diagnostics.CodeAnalysis;
using RaftChaos.Checker.History;

namespace RaftChaos.Checker.Models;

/// <summary>
/// The step of every built-in model, on one key's value (<see cref="KeyValueState.Absent"/> = never written).
/// <list type="bullet">
/// <item><c>read</c>/<c>write</c>/<c>cas</c>: register semantics; a key never written reads as null; cas
/// <c>[expected, new]</c> takes effect only when the value equals <c>expected</c>.</item>
/// <item><c>get</c>/<c>put</c>/<c>append</c>: string semantics of Porcupine's kv model; an absent key reads as
/// <c>""</c> (so absent and empty are the same to get) and append concatenates with no separator.</item>
/// </list>
/// A read or get whose outcome is unknown (info) is always legal: it returned nothing to compare.
/// </summary>
public static class KeyValueSemantics
{
    /// <summary>The <see cref="ModelStep{TState}"/> over a key's value.</summary>
    public static bool Step(KeyValueState state, Operation operation, out KeyValueState next)
    {
        next = state;
        switch (operation.F)
        {
            case "read":
                return operation.Status != OperationStatus.Ok || state.Matches(operation.Output);
            case "write":
            case "put":
                next = KeyValueState.Of(operation.Input);
                return true;
            case "cas":
                if (operation.Input is not ListValue { Items: [var expected, var replacement] } || !state.Matches(expected))
                {
                    return false;
                }

                next = KeyValueState.Of(replacement);
                return true;
            case "get":
                return operation.Status != OperationStatus.Ok
                    || state.MatchesKeyValueString(operation.Output is StringValue text ? text.Value : "");
            case "append":
                next = state.Append(operation.Input is StringValue piece ? piece.Value : operation.Input.ToJson());
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// The one state an ok read or any cas is legal in: the value read, or the value expected. False for the rest (get
    /// reads absent and "" alike; writes, puts and appends are always legal).
    /// </summary>
    public static bool OnlyLegalIn(Operation operation, [MaybeNullWhen(false)] out KeyValueState state)
    {
        state = operation.F switch
        {
            "read" when operation.Status == OperationStatus.Ok => KeyValueState.Of(operation.Output),
            "cas" when operation.Input is ListValue { Items: [var expected, _] } => KeyValueState.Of(expected),
            _ => null,
        };
        return state is not null;
    }

    /// <summary>True for read and get, which never change the state.</summary>
    public static bool IsReadOnly(Operation operation) => operation.F is "read" or "get";

    /// <summary>True for write and put: always legal, and the value after them is their input whatever it was before.</summary>
    public static bool IsBlindWrite(Operation operation) => operation.F is "write" or "put";
}
