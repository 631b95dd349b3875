using RaftChaos.Checker.History;

namespace RaftChaos.Checker.Models;

/// <summary>
/// The models <c>raftchaos check --model</c> offers. All share <see cref="KeyValueSemantics"/> and check each key
/// on its own; they differ in the functions they accept, so a stray <c>cas</c> in a plain register history is reported.
/// </summary>
public static class BuiltInModels
{
    /// <summary><c>register</c>: read and write.</summary>
    public static Model<KeyValueState> Register { get; } = Create("register", ["read", "write"]);

    /// <summary><c>cas-register</c>: read, write and cas (the etcd corpus).</summary>
    public static Model<KeyValueState> CasRegister { get; } = Create("cas-register", ["read", "write", "cas"]);

    /// <summary><c>kv</c>: independent keys; read/write/cas as registers, get/put/append as strings.</summary>
    public static Model<KeyValueState> KeyValue { get; } = Create("kv", ["read", "write", "cas", "get", "put", "append"]);

    /// <summary>All built-in models, in the order the CLI lists them.</summary>
    public static IReadOnlyList<Model> All { get; } = [Register, CasRegister, KeyValue];

    /// <summary>The model called <paramref name="name"/>, or null.</summary>
    public static Model? Find(string name) => All.FirstOrDefault(model => model.Name == name);

    /// <summary>
    /// The default model for a history when none is named: <c>kv</c> when any operation has a key or uses
    /// get/put/append, otherwise <c>cas-register</c> (which also accepts plain register histories).
    /// </summary>
    public static Model Infer(OperationHistory history) =>
        history.Operations.Any(operation => operation.Key is not null || operation.F is "get" or "put" or "append")
            ? KeyValue
            : CasRegister;

    private static Model<KeyValueState> Create(string name, IReadOnlyList<string> functions) => new()
    {
        Name = name,
        Functions = functions,
        Init = KeyValueState.Absent,
        Step = KeyValueSemantics.Step,
        IsReadOnly = KeyValueSemantics.IsReadOnly,
        IsBlindWrite = KeyValueSemantics.IsBlindWrite,
        OnlyLegalIn = KeyValueSemantics.OnlyLegalIn,
        DescribeState = static state => state.ToString(),
    };
}
