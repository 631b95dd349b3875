using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RaftChaos.Node.Hosting;

namespace RaftChaos.Node.Tests.Hosting;

/// <summary>
/// The node's log lines that the controller's node-log checks parse (ElectionSafety, StateMachineSafety), as the node
/// really formats them: a renamed parameter would otherwise make a check pass every run without anyone noticing.
/// </summary>
public sealed class LogfmtLineTests
{
    [Test]
    public void CommittedEntryConflict_CarriesTheKeysTheStateMachineCheckReads()
    {
        var line = Format(logger => Log.CommittedEntryConflict(logger, 15, 17, 19, 18));

        Assert.That(line, Does.Contain("level=fatal node=n2 event=CommittedEntryConflict index=15 committed=17 local_term=19 leader_term=18 msg="));
    }

    [Test]
    public void RoleChanged_CarriesTheKeysTheElectionCheckReads()
    {
        var line = Format(logger => Log.RoleChanged(logger, "leader", "candidate", 4, "n2"));

        Assert.That(line, Does.Match(@"node=n2 event=RoleChanged role=leader previous_role=candidate term=4 leader=n2 msg="));
    }

    private static string Format(Action<ILogger> log)
    {
        LogfmtConsoleFormatter.NodeId = "n2";
        var logger = new FormattingLogger();
        log(logger);
        return logger.Text;
    }

    /// <summary>Hands every entry to the node's formatter, as the console logger does.</summary>
    private sealed class FormattingLogger : ILogger
    {
        private readonly LogfmtConsoleFormatter _formatter = new();
        private readonly StringWriter _output = new();

        public string Text => _output.ToString();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _formatter.Write(new Microsoft.Extensions.Logging.Abstractions.LogEntry<TState>(logLevel, "RaftChaos.Node", eventId, state, exception, formatter), null, _output);
    }
}
