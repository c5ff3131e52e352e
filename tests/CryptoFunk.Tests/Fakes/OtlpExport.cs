namespace CryptoFunk.Tests.Fakes;

/// <summary>One export <see cref="FakeOtlpCollector"/> received: its path (<c>/v1/traces</c>, <c>/v1/metrics</c>) and body, decompressed.</summary>
internal sealed record OtlpExport(string Path, byte[] Body);
