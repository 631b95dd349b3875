namespace RaftChaos.Checker.History;

/// <summary>
/// The value shapes the built-in functions require (DESIGN.md): a read's invoke value is null and its ok value a
/// scalar; write takes a scalar; cas takes <c>[expected, new]</c>; get/put/append work on strings.
/// Functions not listed here are not shape-checked; the model decides whether it supports them.
/// </summary>
public static class OperationShape
{
    /// <summary>The functions whose shapes are known.</summary>
    public static IReadOnlyList<string> KnownFunctions { get; } = ["read", "write", "cas", "get", "put", "append"];

    /// <summary>
    /// Why <paramref name="value"/> is the wrong shape for an event of <paramref name="type"/> and function
    /// <paramref name="f"/>, or null when it is fine. Fail and info completions are not checked: their value carries
    /// no information the checker uses.
    /// </summary>
    public static string? Check(string f, HistoryEventType type, HistoryValue value)
    {
        if (type is HistoryEventType.Fail or HistoryEventType.Info)
        {
            return null;
        }

        var invoke = type == HistoryEventType.Invoke;
        return f switch
        {
            "read" when invoke => value.IsNull ? null : $"read invoke value must be null, got {value}",
            "read" => value.IsScalar ? null : $"read value must be null, an integer or a string, got {value}",
            "get" when invoke => value.IsNull ? null : $"get invoke value must be null, got {value}",
            "get" => value is StringValue or NullValue ? null : $"get value must be a string (or null for absent), got {value}",
            "write" => value is IntegerValue or StringValue ? null : $"write value must be an integer or a string, got {value}",
            "cas" => value is ListValue { Items: [{ IsScalar: true }, { IsScalar: true }] }
                ? null
                : $"cas value must be [expected, new] with null, integer or string elements, got {value}",
            "put" or "append" => value is StringValue ? null : $"{f} value must be a string, got {value}",
            _ => null,
        };
    }
}
