namespace RaftChaos.Checker; internal static class Placeholder {}
