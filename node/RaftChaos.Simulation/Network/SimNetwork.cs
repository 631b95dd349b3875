using RaftChaos.Raft.Messages;
using RaftChaos.Simulation.Events;

namespace RaftChaos.Simulation.Network;

/// <summary>
/// The seeded node-to-node network: every message gets a random delay (so messages reorder), may be dropped or
/// duplicated per <see cref="Conditions"/>, and is dropped when the current <see cref="Grudge"/> blocks it, checked
/// both when sent and when it arrives (a partition also cuts messages already in flight). Messages travel by
/// reference: the core treats them as immutable.
/// </summary>
public sealed class SimNetwork
{
    private readonly EventQueue _queue;
    private readonly Random _random;
    private readonly Action<Message> _deliver;
    private bool[] _blocked = [];
    private int _width;

    /// <summary>Creates a network delivering through <paramref name="deliver"/> (which must ignore messages for crashed nodes).</summary>
    public SimNetwork(EventQueue queue, Random random, Action<Message> deliver)
    {
        _queue = queue;
        _random = random;
        _deliver = deliver;
        Grudge = Grudge.None;
    }

    /// <summary>Delay, loss and duplication in force.</summary>
    public NetworkConditions Conditions { get; set; } = NetworkConditions.Calm;

    /// <summary>The partition in force (<see cref="Grudge.None"/> when healed).</summary>
    public Grudge Grudge
    {
        get;
        set
        {
            field = value;
            // A flat matrix: this check runs for every message, twice.
            var max = value.Ignores.Count == 0 ? 0 : (int)value.Ignores.Max(p => p.Value.Count == 0 ? p.Key : Math.Max(p.Key, p.Value.Max()));
            _width = max + 1;
            _blocked = new bool[_width * _width];
            foreach (var (to, froms) in value.Ignores)
            {
                foreach (var from in froms)
                {
                    _blocked[(int)from * _width + (int)to] = true;
                }
            }
        }
    }

    /// <summary>Messages handed to the network.</summary>
    public long Sent { get; private set; }

    /// <summary>Messages delivered to a node (duplicates counted).</summary>
    public long Delivered { get; private set; }

    /// <summary>Messages lost to drops or partitions.</summary>
    public long Dropped { get; private set; }

    /// <summary>Sends each message (its From and To are set by the core).</summary>
    public void Send(IReadOnlyList<Message> messages)
    {
        for (var i = 0; i < messages.Count; i++)
        {
            Send(messages[i]);
        }
    }

    /// <summary>Sends one message.</summary>
    public void Send(Message message)
    {
        Sent++;
        var conditions = Conditions;
        if (IsBlocked(message.From, message.To) || (conditions.DropProbability > 0 && _random.NextDouble() < conditions.DropProbability))
        {
            Dropped++;
            return;
        }
        Schedule(message, conditions);
        if (conditions.DuplicateProbability > 0 && _random.NextDouble() < conditions.DuplicateProbability)
        {
            Schedule(message, conditions);
        }
    }

    /// <summary>True when the current grudge drops messages from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public bool IsBlocked(ulong from, ulong to) =>
        from < (ulong)_width && to < (ulong)_width && _blocked[(int)from * _width + (int)to];

    private void Schedule(Message message, NetworkConditions conditions)
    {
        var delay = conditions.MinDelay + (long)(_random.NextDouble() * (conditions.MaxDelay - conditions.MinDelay));
        if (conditions.LongDelayProbability > 0 && _random.NextDouble() < conditions.LongDelayProbability)
        {
            delay += (long)(_random.NextDouble() * conditions.LongDelayMax);
        }

        _queue.After(delay, () =>
        {
            if (IsBlocked(message.From, message.To))
            {
                Dropped++;
                return;
            }
            Delivered++;
            _deliver(message);
        });
    }
}
