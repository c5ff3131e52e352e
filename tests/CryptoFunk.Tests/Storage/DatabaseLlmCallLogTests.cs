using CryptoFunk.Storage;
using CryptoFunk.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CryptoFunk.Tests.Storage;

public sealed class DatabaseLlmCallLogTests
{
    [TestCase(StoreDatabase.Sqlite)]
    [TestCase(StoreDatabase.Postgres)]
    public async Task A_full_call_log_makes_callers_wait_and_keeps_every_call(string provider)
    {
        const int Calls = 600;
        await using var database = await StoreDatabase.CreateAsync(provider);
        await using (var log = new DatabaseLlmCallLog(database.Inserter, capacity: 2))
        {
            await Task.WhenAll(Enumerable.Range(0, Calls).Select(i => Task.Run(() => log.AddAsync(Call(i), CancellationToken.None).AsTask())));
            await log.FlushAsync(CancellationToken.None);
        }

        await using var context = await database.Contexts.CreateDbContextAsync();
        Assert.That(await context.LlmCalls.CountAsync(), Is.EqualTo(Calls), "every billed call is in the log");
        Assert.That(await context.LlmCalls.SumAsync(c => c.InputTokens), Is.EqualTo(Enumerable.Range(0, Calls).Sum(i => (long)i)));
    }

    private static LlmCallRecord Call(int i) => new()
    {
        CreatedAt = DateTimeOffset.UnixEpoch.AddMinutes(i),
        Agent = "technical_analysis",
        Source = "llm:openai/gpt-test",
        CacheKey = $"key-{i}",
        InputTokens = i,
        OutputTokens = 1,
        CostUsd = 0.001m,
    };
}
