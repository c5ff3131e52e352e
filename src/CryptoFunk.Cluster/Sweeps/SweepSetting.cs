namespace CryptoFunk.Cluster.Sweeps;

/// <summary>One configuration key and value of a sweep combination (<c>Trading:ConsensusThreshold</c> = <c>0.5</c>).</summary>
[GenerateSerializer, Immutable]
public sealed record SweepSetting([property: Id(0)] string Key, [property: Id(1)] string Value);
