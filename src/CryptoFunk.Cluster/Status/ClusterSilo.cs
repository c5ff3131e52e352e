namespace CryptoFunk.Cluster.Status;

/// <summary>One silo as the cluster's membership table has it.</summary>
/// <param name="Name">The silo's name (<c>host-pid</c> for <c>cryptofunk silo</c>).</param>
/// <param name="Address">Where other silos reach it (<c>127.0.0.1:11111</c>).</param>
/// <param name="Status">Orleans' status: <c>Active</c>, <c>Joining</c>, <c>ShuttingDown</c>, <c>Dead</c>, ...</param>
/// <param name="Since">When this incarnation of the silo started.</param>
public sealed record ClusterSilo(string Name, string Address, string Status, DateTimeOffset Since);
