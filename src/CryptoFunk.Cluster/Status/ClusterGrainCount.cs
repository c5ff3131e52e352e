namespace CryptoFunk.Cluster.Status;

/// <summary>How many grains of one type are active on one silo.</summary>
/// <param name="Silo">The silo's address.</param>
/// <param name="GrainType">The grain class.</param>
/// <param name="Activations">Active grains of that type on that silo.</param>
public sealed record ClusterGrainCount(string Silo, string GrainType, int Activations);
