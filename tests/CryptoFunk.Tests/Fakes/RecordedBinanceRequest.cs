namespace CryptoFunk.Tests.Fakes;

/// <summary>One request <see cref="FakeBinanceServer"/> received: its path and query parameters.</summary>
internal sealed record RecordedBinanceRequest(string Path, IReadOnlyDictionary<string, string> Query);
