namespace RaftChaos.Raft; internal static class Placeholder {}
