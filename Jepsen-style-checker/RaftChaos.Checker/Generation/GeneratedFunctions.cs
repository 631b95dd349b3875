namespace RaftChaos.Checker.Generation;

/// <summary>Which functions a generated history uses.</summary>
public enum GeneratedFunctions
{
    /// <summary>read, write and cas on integer values (the register and cas-register models).</summary>
    Register,
    /// <summary>get, put and append on strings (Porcupine's kv semantics).</summary>
    Strings,
}
