using RaftChaos.Simulation.Clients;

namespace RaftChaos.Simulation.Nodes;

/// <summary>
/// A node's registers, rebuilt from the log on every restart (the simulator keeps no state-machine snapshot, so a
/// restarted node re-applies committed entries from index 1).
/// </summary>
public sealed class KvStateMachine
{
    private readonly Dictionary<string, long> _values = new(StringComparer.Ordinal);

    /// <summary>The value of <paramref name="key"/>, or null if never written.</summary>
    public long? Read(string key) => _values.TryGetValue(key, out var value) ? value : null;

    /// <summary>Applies a committed command; returns whether it took effect (false only for a cas whose expectation failed).</summary>
    public bool Apply(KvCommand command)
    {
        switch (command.Kind)
        {
            case OpKind.Write:
                _values[command.Key] = command.Value;
                return true;
            case OpKind.Cas:
                if (!_values.TryGetValue(command.Key, out var current) || current != command.Expected) return false;
                _values[command.Key] = command.Value;
                return true;
            default:
                throw new InvalidOperationException($"{command.Kind} is not a log command");
        }
    }
}
