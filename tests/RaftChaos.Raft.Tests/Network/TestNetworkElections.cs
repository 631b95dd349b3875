using RaftChaos.Raft;

namespace RaftChaos.Raft.Tests.Network;

/// <summary>Elections driven by ticking a chosen set of nodes (the others stay frozen).</summary>
public static class TestNetworkElections
{
    /// <summary>Ticks only <paramref name="ids"/>, delivering after each round, until one of them leads; returns it.</summary>
    public static ulong ElectAmong(TestNetwork net, params ulong[] ids)
    {
        for (var i = 0; i < 500; i++)
        {
            foreach (var id in ids)
                if (net[id].Role == RaftRole.Leader && ids.All(o => o == id || net[o].Leader == id)) return id;
            foreach (var id in ids) net[id].Tick();
            net.Stabilize();
        }
        throw new InvalidOperationException("no leader elected among " + string.Join(',', ids));
    }
}
