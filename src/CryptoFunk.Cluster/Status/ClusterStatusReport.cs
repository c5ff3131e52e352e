namespace CryptoFunk.Cluster.Status;

/// <summary>What <c>cryptofunk cluster status</c> shows: the cluster, its silos, the grains on each and the decision rate.</summary>
/// <param name="ClusterId">The cluster's id.</param>
/// <param name="Provider">The clustering store (<c>postgres</c>, <c>redis</c>).</param>
/// <param name="Connection">The clustering connection without its password.</param>
/// <param name="Silos">Every silo the membership table knows that is not dead, oldest first.</param>
/// <param name="DeadSilos">Silos the membership table still lists as dead (not shown).</param>
/// <param name="Grains">Active grains by silo and type.</param>
/// <param name="Decisions">Decisions per minute from the store.</param>
public sealed record ClusterStatusReport(
    string ClusterId,
    string Provider,
    string Connection,
    IReadOnlyList<ClusterSilo> Silos,
    int DeadSilos,
    IReadOnlyList<ClusterGrainCount> Grains,
    DecisionRate Decisions);
