using CryptoFunk.Agents.Providers;

namespace CryptoFunk.Tests.Providers;

public sealed class RetryAfterParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    [TestCase("2", null, 2000)]
    [TestCase(" 0 ", null, 0)]
    [TestCase("1.5", null, 1500)]
    [TestCase("Sun, 22 Nov 2026 12:00:30 GMT", null, 30000)]
    [TestCase("Sun, 22 Nov 2026 11:59:00 GMT", null, 0)]
    [TestCase("2", "250", 250)]
    [TestCase(null, "1200", 1200)]
    public void Reads_seconds_dates_and_milliseconds(string? retryAfter, string? retryAfterMs, int expectedMilliseconds)
    {
        Assert.That(RetryAfterParser.Parse(retryAfter, retryAfterMs, Now), Is.EqualTo(TimeSpan.FromMilliseconds(expectedMilliseconds)));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("soon")]
    [TestCase("-3")]
    [TestCase("NaN")]
    public void Anything_else_means_no_advice(string? retryAfter)
    {
        Assert.That(RetryAfterParser.Parse(retryAfter, null, Now), Is.Null);
    }
}
