using RaftChaos.Checker.History;

namespace RaftChaos.Checker.Models;

/// <summary>
/// The step of every built-in model, on one key's value (<see cref="HistoryValue.Null"/> = never written).
/// <list type="bullet">
/// <item><c>read</c>/<c>write</c>/<c>cas</c>: register semantics; a key never written reads as null; cas
/// <c>[expected, new]</c> takes effect only when the value equals <c>expected</c>.</item>
/// <item><c>get</c>/<c>put</c>/<c>append</c>: string semantics of Porcupine's kv model; an absent key reads as
/// <c>""</c> (so absent and empty are the same) and append concatenates with no separator.</item>
/// </list>
/// A read or get whose outcome is unknown (info) is always legal: it returned nothing to compare.
/// </summary>
public static class KeyValueSemantics
{
    /// <summary>The <see cref="ModelStep{TState}"/> over a key's value.</summary>
    public static bool Step(HistoryValue state, Operation operation, out HistoryValue next)
    {
        next = state;
        switch (operation.F)
        {
            case "read":
                return operation.Status != OperationStatus.Ok || state.Equals(operation.Output);
            case "write":
            case "put":
                next = operation.Input;
                return true;
            case "cas":
                if (operation.Input is not ListValue { Items: [var expected, var replacement] } || !state.Equals(expected))
                {
                    return false;
                }

                next = replacement;
                return true;
            case "get":
                return operation.Status != OperationStatus.Ok || AsString(state) == AsString(operation.Output);
            case "append":
                next = new StringValue(AsString(state) + AsString(operation.Input));
                return true;
            default:
                return false;
        }
    }

    /// <summary>True for read and get, which never change the state.</summary>
    public static bool IsReadOnly(Operation operation) => operation.F is "read" or "get";

    /// <summary>A state for counterexamples: <c>null</c> for never written, else the JSON of the value.</summary>
    public static string Describe(HistoryValue state) => state.ToJson();

    // The kv string view of a value: absent is "", a string is itself, anything else its JSON text.
    private static string AsString(HistoryValue value) => value switch
    {
        NullValue => "",
        StringValue text => text.Value,
        _ => value.ToJson(),
    };
}
