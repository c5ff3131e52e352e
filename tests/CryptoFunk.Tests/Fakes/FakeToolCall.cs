namespace CryptoFunk.Tests.Fakes;

/// <summary>A tool call a fake model makes: the call id, the function name and its arguments as JSON text.</summary>
public sealed record FakeToolCall(string Id, string Name, string ArgumentsJson);
