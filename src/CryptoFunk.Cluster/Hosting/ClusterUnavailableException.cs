namespace CryptoFunk.Cluster.Hosting;

/// <summary>The cluster's store or silos cannot be reached; the message names the setting to check, never a password.</summary>
public sealed class ClusterUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
