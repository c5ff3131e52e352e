namespace CryptoFunk.Tests.Fakes;

/// <summary>A scripted answer of <see cref="FakeBinanceServer"/> that replaces the next real one.</summary>
internal sealed record FakeResponse(int StatusCode, string? Body = null, int? RetryAfterSeconds = null, bool Hang = false)
{
    public static FakeResponse Status(int statusCode, string? body = null) => new(statusCode, body);

    public static FakeResponse RateLimited(int retryAfterSeconds) =>
        new(429, """{"code":-1003,"msg":"Too many requests; current limit of IP(127.0.0.1) is 6000 requests per minute."}""", retryAfterSeconds);

    public static FakeResponse Banned(int retryAfterSeconds) =>
        new(418, """{"code":-1003,"msg":"Way too many requests; IP(127.0.0.1) banned until 1700000000000."}""", retryAfterSeconds);

    public static FakeResponse Json(string body) => new(200, body);

    public static FakeResponse Hanging() => new(200, Hang: true);
}
