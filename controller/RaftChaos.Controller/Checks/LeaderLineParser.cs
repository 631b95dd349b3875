namespace RaftChaos.Controller.Checks;

/// <summary>
/// Reads one collected log line: true with the node that led and the term when the line says a node led that term
/// (our node: <see cref="LeaderLines.TryParse"/>; etcd: <see cref="EtcdLeaderLines.TryParse"/>), false for any other line.
/// </summary>
public delegate bool LeaderLineParser(string line, out string node, out ulong term);
