namespace CryptoFunk.Tests.Fakes;

/// <summary>One request <see cref="FakeBinanceServer"/> received: its path and query parameters.</summary>
internal sealed record RecordedRequest(string Path, IReadOnlyDictionary<string, string> Query);
