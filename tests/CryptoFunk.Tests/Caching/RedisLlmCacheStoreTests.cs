using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CryptoFunk.Agents.Caching;
using CryptoFunk.Agents.ModelPipeline;
using CryptoFunk.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CryptoFunk.Tests.Caching;

/// <summary>
/// The Redis answer store against a real Redis: answers round-trip whole between processes' stores, live answers
/// expire and recordings do not, a spoiled value is a miss and is never served, the similarity tier never serves an
/// answer from the decision's future, replay reads everything once, and an unreachable Redis is skipped fast and counted.
/// </summary>
public sealed class RedisLlmCacheStoreTests
{
    private static readonly DateTimeOffset T0 = new(2021, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Features all defined (a NaN feature makes a state similar to none).</summary>
    private static readonly double[] Defined = [30.0, 0.5, 20.0];
    private TestRedis _redis = null!;
    private readonly List<RedisLlmCacheStore> _stores = [];

    [SetUp]
    public async Task Connect() => _redis = await TestRedis.ConnectAsync();

    [TearDown]
    public async Task Disconnect()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        _stores.Clear();
        await _redis.DisposeAsync();
    }

    private RedisLlmCacheStore Store(LlmMode mode, TimeSpan? liveTtl = null, CacheUnavailableCounter? counter = null, ILogger<RedisLlmCacheStore>? logger = null, string? connectionString = null)
    {
        var options = new ModelPipelineOptions
        {
            Mode = mode,
            Cache = new LlmCacheOptions { Redis = connectionString ?? _redis.ConnectionString, RedisKeyPrefix = _redis.Prefix, LiveTtl = liveTtl ?? TimeSpan.FromHours(1) },
        };
        var store = new RedisLlmCacheStore(Options.Create(options), counter ?? new CacheUnavailableCounter(), logger ?? new ListLogger<RedisLlmCacheStore>());
        _stores.Add(store);
        return store;
    }

    private static StoredAnswer Answer(string key, string text, DateTimeOffset? decisionTime = null, double[]? features = null, string position = "flat") => new()
    {
        Key = key,
        Agent = "technical_analysis",
        PromptVersion = "v1",
        Model = "openai/gpt-test",
        Response = new ChatResponse(new ChatMessage(ChatRole.Assistant, text)) { Usage = new UsageDetails { InputTokenCount = 1000, OutputTokenCount = 100 } },
        Context = new CacheContext("BTC/USDT", "1h", position, decisionTime ?? T0, features ?? [30.0, 0.5, double.NaN]),
        CostUsd = 0.0123m,
        CreatedAt = T0,
    };

    [Test]
    public async Task An_answer_put_by_one_store_is_served_whole_by_another()
    {
        var written = Answer("k1", "{\"signal\":\"BUY\"}");
        await Store(LlmMode.Live).PutAsync(written, CancellationToken.None);

        var read = await Store(LlmMode.Live).GetAsync("k1", CancellationToken.None);

        Assert.That(read, Is.Not.Null, "the other store found it in Redis");
        Assert.Multiple(() =>
        {
            Assert.That(read!.Response!.Text, Is.EqualTo(written.Response!.Text));
            Assert.That(read.Response.Usage!.InputTokenCount, Is.EqualTo(1000));
            Assert.That(read.Context!.Features.Take(2), Is.EqualTo(new[] { 30.0, 0.5 }));
            Assert.That(double.IsNaN(read.Context.Features[2]), Is.True, "a feature still warming up round-trips");
            Assert.That(read.Context.DecisionTime, Is.EqualTo(T0));
            Assert.That(read with { Response = null, Context = null }, Is.EqualTo(written with { Response = null, Context = null }));
        });
    }

    [Test]
    public async Task Live_answers_expire_after_the_live_ttl_and_recordings_never_expire_nor_yield_to_live_answers()
    {
        var ttl = TimeSpan.FromMinutes(30);
        var live = Store(LlmMode.Live, ttl);
        var recorder = Store(LlmMode.Record, ttl);

        await live.PutAsync(Answer("live", "live answer"), CancellationToken.None);
        await recorder.PutAsync(Answer("recorded", "recorded answer"), CancellationToken.None);
        await live.PutAsync(Answer("recorded", "a live answer must not replace a recording"), CancellationToken.None);
        await live.PutAsync(Answer("promoted", "live first"), CancellationToken.None);
        await recorder.PutAsync(Answer("promoted", "then recorded"), CancellationToken.None);

        var liveTtl = await _redis.Database.KeyTimeToLiveAsync(_redis.AnswerKey("live"));
        Assert.Multiple(async () =>
        {
            Assert.That(liveTtl, Is.Not.Null.And.GreaterThan(ttl - TimeSpan.FromMinutes(1)).And.LessThanOrEqualTo(ttl), "a live answer expires after Llm:Cache:LiveTtl");
            Assert.That(await _redis.Database.KeyTimeToLiveAsync(_redis.AnswerKey("recorded")), Is.Null, "a recording never expires");
            Assert.That((await live.GetAsync("recorded", CancellationToken.None))!.Response!.Text, Is.EqualTo("recorded answer"));
            Assert.That(await _redis.Database.KeyTimeToLiveAsync(_redis.AnswerKey("promoted")), Is.Null, "recording over a live answer makes it permanent");
            Assert.That((await live.GetAsync("promoted", CancellationToken.None))!.Response!.Text, Is.EqualTo("then recorded"));
        });
    }

    [Test]
    public async Task A_live_answer_is_gone_once_its_ttl_passes_and_its_index_entry_is_dropped()
    {
        var live = Store(LlmMode.Live, TimeSpan.FromMilliseconds(300));
        await live.PutAsync(Answer("short", "soon gone", T0.AddHours(-1), Defined), CancellationToken.None);
        Assert.That(await live.GetAsync("short", CancellationToken.None), Is.Not.Null);

        await Task.Delay(600);

        var index = (await _redis.KeysAsync()).Single(k => k.ToString().Contains(":similar:", StringComparison.Ordinal));
        Assert.Multiple(async () =>
        {
            Assert.That(await live.GetAsync("short", CancellationToken.None), Is.Null);
            Assert.That(await live.FindSimilarAsync("technical_analysis", Answer("now", "x", T0, Defined).Context!, 0.9, CancellationToken.None), Is.Null);
            Assert.That(await _redis.Database.SortedSetLengthAsync(index), Is.Zero, "the expired answer's index entry was removed");
        });
    }

    [TestCase("cut short", TestName = "A_value_cut_short_is_a_miss_and_is_removed")]
    [TestCase("altered", TestName = "A_value_altered_but_still_valid_JSON_is_a_miss_and_is_removed")]
    [TestCase("another key's", TestName = "A_whole_answer_filed_under_another_key_is_a_miss_and_is_removed")]
    [TestCase("not ours", TestName = "A_value_of_another_format_is_a_miss_and_is_removed")]
    public async Task A_spoiled_value_is_never_served(string spoil)
    {
        var logger = new ListLogger<RedisLlmCacheStore>();
        var store = Store(LlmMode.Live, logger: logger);
        await store.PutAsync(Answer("good", "{\"signal\":\"BUY\",\"confidence\":0.8}", T0.AddHours(-1), Defined), CancellationToken.None);
        await store.PutAsync(Answer("other", "{\"signal\":\"SELL\"}", T0.AddHours(-2), Defined), CancellationToken.None);
        var value = (byte[])(await _redis.Database.StringGetAsync(_redis.AnswerKey("good")))!;
        byte[] spoiled = spoil switch
        {
            "cut short" => value[..(value.Length / 2)],
            "altered" => System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(value).Replace("0.8", "0.9", StringComparison.Ordinal)),
            "another key's" => (byte[])(await _redis.Database.StringGetAsync(_redis.AnswerKey("other")))!,
            _ => "{\"signal\":\"BUY\"}"u8.ToArray(),
        };
        Assert.That(spoiled, Is.Not.EqualTo(value));
        await _redis.Database.StringSetAsync(_redis.AnswerKey("good"), spoiled);

        var similar = await Store(LlmMode.Live).FindSimilarAsync("technical_analysis", Answer("now", "x", T0, Defined).Context!, 0.99, CancellationToken.None);
        await _redis.Database.StringSetAsync(_redis.AnswerKey("good"), spoiled);
        var exact = await store.GetAsync("good", CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(exact, Is.Null, "an exact lookup misses");
            Assert.That(similar?.Key, Is.EqualTo("other"), "the similarity tier passes over it to the next whole answer");
            Assert.That(await _redis.Database.KeyExistsAsync(_redis.AnswerKey("good")), Is.False, "the spoiled value is removed, so the next answer can be kept");
            Assert.That(logger.Entries.Select(e => e.Message), Has.Some.Contains("not a whole answer"));
        });
    }

    [Test]
    public async Task The_similarity_tier_serves_only_answers_of_the_same_state_made_before_the_decision_time()
    {
        var store = Store(LlmMode.Live);
        await store.PutAsync(Answer("before", "made an hour before", T0.AddHours(-1), Defined), CancellationToken.None);
        await store.PutAsync(Answer("at", "made at the decision time", T0, Defined), CancellationToken.None);
        await store.PutAsync(Answer("after", "made an hour after", T0.AddHours(1), Defined), CancellationToken.None);
        await store.PutAsync(Answer("long", "in another position state", T0.AddHours(-1), Defined, position: "long"), CancellationToken.None);
        await store.PutAsync(Answer("far", "in another market state", T0.AddHours(-1), [90.0, 0.9, 60.0]), CancellationToken.None);

        var context = new CacheContext("BTC/USDT", "1h", "flat", T0, [30.3, 0.5, 20.0]);
        var other = Store(LlmMode.Live);

        Assert.Multiple(async () =>
        {
            Assert.That((await other.FindSimilarAsync("technical_analysis", context, 0.95, CancellationToken.None))?.Key, Is.EqualTo("before"));
            Assert.That(await other.FindSimilarAsync("technical_analysis", context with { DecisionTime = T0.AddHours(-1) }, 0.95, CancellationToken.None), Is.Null, "nothing was made before that");
            Assert.That(await other.FindSimilarAsync("technical_analysis", context, 0.999, CancellationToken.None), Is.Null, "not similar enough");
            Assert.That(await other.FindSimilarAsync("sentiment_analysis", context, 0.95, CancellationToken.None), Is.Null, "another agent's answers are not candidates");
            Assert.That((await other.FindSimilarAsync("technical_analysis", context with { DecisionTime = T0.AddHours(2) }, 0.95, CancellationToken.None))?.Key, Is.EqualTo("after"), "the latest of equally similar answers");
        });
    }

    [Test]
    public async Task Replay_reads_every_recording_once_and_then_needs_no_Redis()
    {
        var recorder = Store(LlmMode.Record);
        for (var i = 0; i < 300; i++)
        {
            await recorder.PutAsync(Answer($"r{i}", $"answer {i}"), CancellationToken.None);
        }

        await recorder.PutAsync(new StoredAnswer { Key = "failed", Agent = "technical_analysis", PromptVersion = "v1", Model = "none", Error = "every provider failed" }, CancellationToken.None);
        var replayer = Store(LlmMode.Replay);
        Assert.That(await replayer.IsEmptyAsync(CancellationToken.None), Is.False);
        await replayer.PreloadAsync(CancellationToken.None);
        await _redis.Database.KeyDeleteAsync([.. await _redis.KeysAsync()]);

        Assert.Multiple(async () =>
        {
            Assert.That((await replayer.GetAsync("r0", CancellationToken.None))?.Response?.Text, Is.EqualTo("answer 0"));
            Assert.That((await replayer.GetAsync("r299", CancellationToken.None))?.Response?.Text, Is.EqualTo("answer 299"), "past the first fetch batch");
            Assert.That((await replayer.GetAsync("failed", CancellationToken.None))?.Error, Is.EqualTo("every provider failed"), "a recorded failure replays as a failure");
            Assert.That(await replayer.GetAsync("never", CancellationToken.None), Is.Null);
            Assert.That(await Store(LlmMode.Replay).IsEmptyAsync(CancellationToken.None), Is.True, "nothing is left under the prefix");
        });
    }

    [Test]
    public async Task An_unreachable_Redis_is_skipped_at_once_counted_and_logged_once_without_its_password()
    {
        var counter = new CacheUnavailableCounter();
        var logger = new ListLogger<RedisLlmCacheStore>();
        var store = Store(LlmMode.Live, counter: counter, logger: logger, connectionString: $"127.0.0.1:{ClosedPort()},password=hunter2");
        var context = Answer("k", "x").Context!;

        var watch = Stopwatch.StartNew();
        await store.PutAsync(Answer("k", "x"), CancellationToken.None);
        for (var i = 0; i < 20; i++)
        {
            Assert.That(await store.GetAsync("k", CancellationToken.None), Is.Null);
            Assert.That(await store.FindSimilarAsync("technical_analysis", context, 0.5, CancellationToken.None), Is.Null);
        }

        Assert.Multiple(() =>
        {
            Assert.That(counter.Total, Is.EqualTo(41), "every skipped operation is counted");
            Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)), "only the first connection attempt waits (1 s); later operations are skipped at once");
            Assert.That(logger.Entries.Count(e => e.Level == LogLevel.Warning), Is.EqualTo(1), "one warning per outage, not per call");
            Assert.That(logger.Entries.Single().Message, Does.Contain("unavailable").And.Contain("127.0.0.1:").And.Not.Contain("hunter2"));
        });
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
