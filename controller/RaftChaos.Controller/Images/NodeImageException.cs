namespace RaftChaos.Controller.Images;

/// <summary>The node image could not be found or built; the message says which step failed (with its output).</summary>
public sealed class NodeImageException(string message) : Exception(message);
