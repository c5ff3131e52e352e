using CryptoFunk.Agents.Caching;
using CryptoFunk.Storage;
using CryptoFunk.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoFunk.Tests.Storage;

public sealed class DatabaseLlmCacheStoreTests
{
    [Test]
    public async Task Features_that_are_not_defined_yet_round_trip_through_the_database()
    {
        using var dir = new TempDirectory();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Database:ConnectionString"] = $"Data Source={dir.File("cf.db")}" }).Build();
        await using var services = new ServiceCollection().AddLogging().AddCryptoFunkDatabase(configuration).BuildServiceProvider();
        var contexts = services.GetRequiredService<IDbContextFactory<CryptoFunkDbContext>>();
        var migrator = services.GetRequiredService<DatabaseMigrator>();
        var t0 = new DateTimeOffset(2017, 8, 18, 0, 0, 0, TimeSpan.Zero);
        var warmingUp = new CacheContext("BTC/USDT", "1h", "flat", t0, [28.0, double.NaN, double.NaN]);

        await new DatabaseLlmCacheStore(contexts, migrator).PutAsync(new StoredAnswer
        {
            Key = "k",
            Agent = "technical_analysis",
            PromptVersion = "v1",
            Model = "openai/gpt-test",
            Response = new ChatResponse(new ChatMessage(ChatRole.Assistant, "{}")),
            Context = warmingUp,
            CreatedAt = t0,
        }, CancellationToken.None);
        var read = await new DatabaseLlmCacheStore(contexts, migrator).GetAsync("k", CancellationToken.None);

        Assert.That(read!.Context!.Features[0], Is.EqualTo(28.0));
        Assert.That(double.IsNaN(read.Context.Features[1]), Is.True);
    }
}
