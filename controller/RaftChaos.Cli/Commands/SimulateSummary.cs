using System.Globalization;
using RaftChaos.Checker;
using RaftChaos.Simulation;

namespace RaftChaos.Cli.Commands;

/// <summary>Running totals of a <c>simulate</c> run and the closing summary, speed figures included (wall time is the CLI's only clock).</summary>
internal sealed class SimulateSummary
{
    private TimeSpan _simulateWall;
    private TimeSpan _checkWall;

    public int Seeds { get; private set; }
    public long Operations { get; private set; }
    public long SimulatedNanoseconds { get; private set; }
    public int Violations { get; private set; }
    public int Unknown { get; private set; }
    public long Events { get; private set; }
    public long Messages { get; private set; }
    public long Elections { get; private set; }
    public long Faults { get; private set; }
    public long SnapshotsTaken { get; private set; }
    public long SnapshotsInstalled { get; private set; }
    public long RestartsFromSnapshot { get; private set; }
    public long LeaderLossReports { get; private set; }
    public long VotersRemoved { get; private set; }
    public long VotersAdded { get; private set; }
    public long Wipes { get; private set; }

    public void Add(SimulationResult result, TimeSpan wall)
    {
        Seeds++;
        Operations += result.Operations;
        SimulatedNanoseconds += result.SimulatedTime;
        Violations += result.Violation is null ? 0 : 1;
        Unknown += result.Verdict == Verdict.Unknown ? 1 : 0;
        Events += result.EventsProcessed;
        Messages += result.MessagesDelivered;
        Elections += result.Elections;
        Faults += result.Faults;
        SnapshotsTaken += result.SnapshotsTaken;
        SnapshotsInstalled += result.SnapshotsInstalled;
        RestartsFromSnapshot += result.RestartsFromSnapshot;
        LeaderLossReports += result.LeaderLossReports;
        VotersRemoved += result.VotersRemoved;
        VotersAdded += result.VotersAdded;
        Wipes += result.Wipes;
        _checkWall += result.CheckTime;
        _simulateWall += wall - result.CheckTime;
    }

    public void WriteTo(TextWriter output, TimeSpan wall)
    {
        var simulated = SimulatedNanoseconds / 1e9;
        var seconds = Math.Max(wall.TotalSeconds, 1e-9);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"summary: {Seeds} seeds, simulated {simulated:F0} cluster-seconds, {Operations} ops checked, {Violations} violations, {Unknown} unknown"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {Elections} elections ({LeaderLossReports} followers told their crashed leader's connection closed), {Faults} faults, {Messages} messages, {Events} events"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  snapshots: {SnapshotsTaken} taken, {SnapshotsInstalled} installed from a leader, {RestartsFromSnapshot} restarts from a snapshot; "
            + $"membership: {VotersRemoved} voters removed, {VotersAdded} added back, {Wipes} wiped first"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  wall {wall.TotalSeconds:F1} s: {Seeds / seconds:F1} seeds/s, {simulated / seconds:F0} simulated cluster-seconds per wall second "
            + $"(simulation alone {simulated / Math.Max(_simulateWall.TotalSeconds, 1e-9):F0}; checking took {_checkWall.TotalSeconds:F1} s)"));
        // The machine is shared: CPU time is the steadier figure (it includes JIT and GC threads).
        var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  cpu {cpu:F1} s: {Seeds / Math.Max(cpu, 1e-9):F1} seeds per CPU second, {simulated / Math.Max(cpu, 1e-9):F0} simulated cluster-seconds per CPU second"));
    }
}
