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
    private static ServiceProvider Database(TempDirectory dir) =>
        new ServiceCollection()
            .AddLogging()
            .AddSingleton<DatabaseLlmCacheStore>()
            .AddCryptoFunkDatabase(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Database:ConnectionString"] = $"Data Source={dir.File("cf.db")}" }).Build())
            .BuildServiceProvider();

    [Test]
    public async Task Features_that_are_not_defined_yet_round_trip_through_the_database()
    {
        using var dir = new TempDirectory();
        await using var services = Database(dir);
        var contexts = services.GetRequiredService<IDbContextFactory<CryptoFunkDbContext>>();
        var migrator = services.GetRequiredService<DatabaseMigrator>();
        var t0 = new DateTimeOffset(2017, 8, 18, 0, 0, 0, TimeSpan.Zero);
        var warmingUp = new CacheContext("BTC/USDT", "1h", "flat", t0, [28.0, double.NaN, double.NaN]);

        await using (var writer = new DatabaseLlmCacheStore(contexts, migrator, services.GetRequiredService<BatchInserter>()))
        {
            await writer.PutAsync(new StoredAnswer
            {
                Key = "k",
                Agent = "technical_analysis",
                PromptVersion = "v1",
                Model = "openai/gpt-test",
                Response = new ChatResponse(new ChatMessage(ChatRole.Assistant, "{}")),
                Context = warmingUp,
                CreatedAt = t0,
            }, CancellationToken.None);
        }

        await using var reader = new DatabaseLlmCacheStore(contexts, migrator, services.GetRequiredService<BatchInserter>());
        var read = await reader.GetAsync("k", CancellationToken.None);

        Assert.That(read!.Context!.Features[0], Is.EqualTo(28.0));
        Assert.That(double.IsNaN(read.Context.Features[1]), Is.True);
    }

    [Test]
    public async Task Recordings_are_written_in_the_background_replaced_by_key_and_after_a_preload_served_without_the_database()
    {
        using var dir = new TempDirectory();
        await using var services = Database(dir);
        var contexts = services.GetRequiredService<IDbContextFactory<CryptoFunkDbContext>>();
        var migrator = services.GetRequiredService<DatabaseMigrator>();
        StoredAnswer Answer(string key, string text) => new()
        {
            Key = key,
            Agent = "technical_analysis",
            PromptVersion = "v1",
            Model = "openai/gpt-test",
            Response = new ChatResponse(new ChatMessage(ChatRole.Assistant, text)),
            CreatedAt = DateTimeOffset.UnixEpoch,
        };
        await using (var recorder = new DatabaseLlmCacheStore(contexts, migrator, services.GetRequiredService<BatchInserter>()))
        {
            await recorder.PutAsync(Answer("a", "first"), CancellationToken.None);
            await recorder.PutAsync(Answer("b", "other"), CancellationToken.None);
            await recorder.PutAsync(Answer("a", "second"), CancellationToken.None);
            Assert.That((await recorder.GetAsync("a", CancellationToken.None))!.Response!.Text, Is.EqualTo("second"), "found at once, before it is stored");
        }

        await using var replayer = new DatabaseLlmCacheStore(contexts, migrator, services.GetRequiredService<BatchInserter>());
        await replayer.PreloadAsync(CancellationToken.None);
        await using (var db = await contexts.CreateDbContextAsync())
        {
            Assert.That(await db.LlmCache.CountAsync(), Is.EqualTo(2));
            await db.LlmCache.ExecuteDeleteAsync();
        }

        Assert.Multiple(async () =>
        {
            Assert.That((await replayer.GetAsync("a", CancellationToken.None))?.Response?.Text, Is.EqualTo("second"), "the last answer under a key is the one kept");
            Assert.That((await replayer.GetAsync("b", CancellationToken.None))?.Response?.Text, Is.EqualTo("other"), "served from the preload: the rows are gone");
            Assert.That(await replayer.GetAsync("c", CancellationToken.None), Is.Null);
        });
    }

    [Test]
    public async Task Answers_put_just_before_the_host_is_disposed_are_stored()
    {
        using var dir = new TempDirectory();
        await using (var services = Database(dir))
        {
            var store = services.GetRequiredService<DatabaseLlmCacheStore>();
            foreach (var key in new[] { "a", "b", "c" })
            {
                await store.PutAsync(new StoredAnswer { Key = key, Agent = "technical_analysis", PromptVersion = "v1", Model = "m", Response = new ChatResponse(new ChatMessage(ChatRole.Assistant, key)) }, CancellationToken.None);
            }
        }

        await using var reopened = Database(dir);
        await using var db = await reopened.GetRequiredService<IDbContextFactory<CryptoFunkDbContext>>().CreateDbContextAsync();
        Assert.That(await db.LlmCache.CountAsync(), Is.EqualTo(3), "the last batch is written while the container is disposed");
    }
}

