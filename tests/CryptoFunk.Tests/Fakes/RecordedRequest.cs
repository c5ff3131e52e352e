using System.Text.Json;

namespace CryptoFunk.Tests.Fakes;

/// <summary>A request a fake server received, so tests can assert what went over the wire.</summary>
public sealed record RecordedRequest(
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    JsonElement? Json)
{
    /// <summary>The body as JSON; fails the test when it was not JSON.</summary>
    public JsonElement RequireJson() =>
        Json ?? throw new AssertionException($"the request body to {Path} is not JSON: {Body}");

    /// <summary>A header's value (case-insensitive), or null.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
