using System.Text;
using CryptoFunk.Agents.ModelPipeline;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CryptoFunk.Agents.Caching;

/// <summary>
/// Keeps answers and recordings in Redis (<c>Llm:Cache:Redis</c>), so every backtest and paper process using the same
/// server is served what any of them was answered. Each answer is one value written by one <c>SET</c> (see
/// <see cref="RedisAnswerValue"/>): live answers expire after <c>Llm:Cache:LiveTtl</c> and never replace a recording,
/// recordings never expire. The similarity tier reads an index per agent, symbol, timeframe and position state (a
/// sorted set of each answer's features scored by its decision time), scores it here with
/// <see cref="FeatureSimilarity"/>, and applies the same rules as every store to the answers it fetches. A Redis that
/// cannot be reached is skipped: the lookup misses, the answer is not kept, the run goes on, and each skipped
/// operation is counted (<see cref="CacheUnavailableCounter"/>) and logged when the outage begins.
/// </summary>
public sealed class RedisLlmCacheStore : ILlmCacheStore, IAsyncDisposable
{
    private const int FetchBatch = 256;

    /// <summary>
    /// Deletes a key only while it still holds the given value, atomically on the server (a script: Redis 7 has no
    /// compare-and-delete command), so an answer written meanwhile by another process is never deleted.
    /// </summary>
    private const string DeleteIfUnchanged = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";

    private readonly string _server;
    private readonly string _prefix;
    private readonly string _answers;
    private readonly LlmMode _mode;
    private readonly TimeSpan _liveTtl;
    private readonly CacheUnavailableCounter _unavailable;
    private readonly ILogger<RedisLlmCacheStore> _logger;
    private readonly Lazy<Task<ConnectionMultiplexer>> _connection;
    private readonly SemaphoreSlim _preloading = new(1, 1);
    private IReadOnlyDictionary<string, StoredAnswer>? _preloaded;
    private int _down;

    /// <summary>Creates the store; it connects at the first lookup.</summary>
    public RedisLlmCacheStore(IOptions<ModelPipelineOptions> options, CacheUnavailableCounter unavailable, ILogger<RedisLlmCacheStore> logger)
    {
        var pipeline = options.Value;
        var connectionString = pipeline.Cache.Redis ?? throw new InvalidOperationException($"{LlmCacheOptions.RedisKey} is not set");
        _server = RedisConnectionString.Redact(connectionString);
        _prefix = pipeline.Cache.RedisKeyPrefix;
        _answers = _prefix + "answer:";
        _mode = pipeline.Mode;
        _liveTtl = pipeline.Cache.LiveTtl;
        _unavailable = unavailable;
        _logger = logger;
        _connection = new Lazy<Task<ConnectionMultiplexer>>(() => ConnectionMultiplexer.ConnectAsync(RedisConnectionString.Options(connectionString)));
    }

    /// <inheritdoc />
    public async ValueTask<StoredAnswer?> GetAsync(string key, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _preloaded) is { } preloaded)
        {
            return preloaded.GetValueOrDefault(key);
        }

        var value = await TryAsync("GET", RedisValue.Null, redis => redis.GetDatabase().StringGetAsync(AnswerKey(key)), cancellationToken);
        return value.IsNull ? null : await ReadAsync(key, value, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>When Redis cannot be reached the lookups stay per key, and a later call tries again.</remarks>
    public async Task PreloadAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _preloaded) is not null)
        {
            return;
        }

        await _preloading.WaitAsync(cancellationToken);
        try
        {
            if (_preloaded is null)
            {
                Volatile.Write(ref _preloaded, await TryAsync<IReadOnlyDictionary<string, StoredAnswer>?>("SCAN", null, redis => LoadAllAsync(redis, cancellationToken), cancellationToken));
            }
        }
        finally
        {
            _preloading.Release();
        }
    }

    /// <inheritdoc />
    /// <remarks>A Redis that cannot be reached holds nothing this run can use, so it counts as empty.</remarks>
    public async Task<bool> IsEmptyAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _preloaded) is { } preloaded)
        {
            return preloaded.Count == 0;
        }

        return await TryAsync("SCAN", true, async redis =>
        {
            await foreach (var _ in AnswerKeysAsync(redis).WithCancellation(cancellationToken))
            {
                return false;
            }

            return true;
        }, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// The mode decides the lifetime: in live mode the answer expires after <c>Llm:Cache:LiveTtl</c> and is written only
    /// where no answer is kept yet, so a recording is never replaced by an answer that would expire; in record mode it
    /// replaces whatever was there and never expires. The value and its similarity-index entry are written in one
    /// transaction.
    /// </remarks>
    public async Task PutAsync(StoredAnswer answer, CancellationToken cancellationToken)
    {
        var value = RedisAnswerValue.Encode(answer);
        var live = _mode == LlmMode.Live;
        await TryAsync("SET", false, redis =>
        {
            var transaction = redis.GetDatabase().CreateTransaction();
            _ = transaction.StringSetAsync(AnswerKey(answer.Key), value, live ? new Expiration(_liveTtl) : Expiration.Default, live ? ValueCondition.NotExists : ValueCondition.Always);
            if (answer is { Response: not null, Context: { } context })
            {
                _ = transaction.SortedSetAddAsync(IndexKey(answer.Agent, context), IndexMember(answer.Key, context.Features), Score(context.DecisionTime));
            }

            return transaction.ExecuteAsync();
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<StoredAnswer?> FindSimilarAsync(string agent, CacheContext context, double threshold, CancellationToken cancellationToken)
    {
        var index = IndexKey(agent, context);
        var members = await TryAsync("ZRANGEBYSCORE", [], redis => redis.GetDatabase().SortedSetRangeByScoreAsync(index, double.NegativeInfinity, Score(context.DecisionTime)), cancellationToken);
        var near = new Dictionary<string, RedisValue>(StringComparer.Ordinal);
        foreach (var member in members)
        {
            if (ParseMember(member) is { } entry && FeatureSimilarity.Of(entry.Features, context.Features) >= threshold)
            {
                near.TryAdd(entry.Key, member);
            }
        }

        if (near.Count == 0)
        {
            return null;
        }

        var keys = near.Keys.ToArray();
        var values = await TryAsync("MGET", [], redis => redis.GetDatabase().StringGetAsync([.. keys.Select(AnswerKey)]), cancellationToken);
        var answers = new List<StoredAnswer>();
        var expired = new List<RedisValue>();
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i].IsNull)
            {
                expired.Add(near[keys[i]]);
            }
            else if (await ReadAsync(keys[i], values[i], cancellationToken) is { } answer)
            {
                answers.Add(answer);
            }
        }

        if (expired.Count > 0)
        {
            // Live answers expire but their index entries do not: drop the entries whose answer is gone.
            await TryAsync("ZREM", 0L, redis => redis.GetDatabase().SortedSetRemoveAsync(index, [.. expired]), cancellationToken);
        }

        return InMemoryLlmCacheStore.MostSimilar(answers, context, threshold);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _preloading.Dispose();
        if (_connection.IsValueCreated)
        {
            await (await _connection.Value).DisposeAsync();
        }
    }

    /// <summary>The answer in <paramref name="value"/>; an unreadable value is a miss, and is removed unless it changed meanwhile.</summary>
    private async Task<StoredAnswer?> ReadAsync(string key, RedisValue value, CancellationToken cancellationToken)
    {
        var bytes = (byte[])value!;
        if (RedisAnswerValue.Decode(bytes, key) is { } answer)
        {
            return answer;
        }

        RedisLlmCacheStoreLog.Unreadable(_logger, key);
        await TryAsync("DEL", RedisResult.Create(RedisValue.Null), redis => redis.GetDatabase().ScriptEvaluateAsync(DeleteIfUnchanged, [AnswerKey(key)], [bytes]), cancellationToken);
        return null;
    }

    private async Task<IReadOnlyDictionary<string, StoredAnswer>?> LoadAllAsync(ConnectionMultiplexer redis, CancellationToken cancellationToken)
    {
        var answers = new Dictionary<string, StoredAnswer>(StringComparer.Ordinal);
        var database = redis.GetDatabase();
        var batch = new List<RedisKey>(FetchBatch);
        async Task FetchAsync()
        {
            var values = await database.StringGetAsync([.. batch]).WaitAsync(cancellationToken);
            for (var i = 0; i < values.Length; i++)
            {
                var key = ((string)batch[i]!)[_answers.Length..];
                if (!values[i].IsNull && await ReadAsync(key, values[i], cancellationToken) is { } answer)
                {
                    answers[key] = answer;
                }
            }

            batch.Clear();
        }

        await foreach (var key in AnswerKeysAsync(redis).WithCancellation(cancellationToken))
        {
            batch.Add(key);
            if (batch.Count == FetchBatch)
            {
                await FetchAsync();
            }
        }

        if (batch.Count > 0)
        {
            await FetchAsync();
        }

        return answers;
    }

    /// <summary>Every answer key under the prefix, on every primary (SCAN, never KEYS).</summary>
    private async IAsyncEnumerable<RedisKey> AnswerKeysAsync(ConnectionMultiplexer redis)
    {
        var pattern = Glob(_answers) + "*";
        foreach (var server in redis.GetServers().Where(s => !s.IsReplica))
        {
            await foreach (var key in server.KeysAsync(pattern: pattern, pageSize: 1000))
            {
                yield return key;
            }
        }
    }

    /// <summary>
    /// Runs one Redis operation; when Redis cannot be reached (no connection, a refused or timed-out command) the
    /// operation is skipped, counted and <paramref name="skipped"/> returned.
    /// </summary>
    private async Task<T> TryAsync<T>(string operation, T skipped, Func<ConnectionMultiplexer, Task<T>> action, CancellationToken cancellationToken)
    {
        try
        {
            var redis = await _connection.Value.WaitAsync(cancellationToken);
            if (!redis.IsConnected)
            {
                return Skip(operation, "not connected", skipped);
            }

            var result = await action(redis).WaitAsync(cancellationToken);
            if (Interlocked.Exchange(ref _down, 0) == 1)
            {
                RedisLlmCacheStoreLog.Restored(_logger, _server, _unavailable.Total);
            }

            return result;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return Skip(operation, e.GetType().Name, skipped);
        }
    }

    private T Skip<T>(string operation, string reason, T skipped)
    {
        _unavailable.Add();
        if (Interlocked.Exchange(ref _down, 1) == 0)
        {
            RedisLlmCacheStoreLog.Unavailable(_logger, _server, reason, operation);
        }

        return skipped;
    }

    private RedisKey AnswerKey(string key) => _answers + key;

    private RedisKey IndexKey(string agent, CacheContext context) =>
        $"{_prefix}similar:{agent}:{context.Symbol}:{context.Timeframe}:{context.PositionState}";

    /// <summary>The decision time in milliseconds: the index is read up to it, and the store's rules then keep only what came strictly before.</summary>
    private static double Score(DateTimeOffset decisionTime) => decisionTime.ToUnixTimeMilliseconds();

    /// <summary>An index entry: the features as JSON (which has no spaces), a space, the answer's key.</summary>
    private static RedisValue IndexMember(string key, IReadOnlyList<double> features) => LlmCacheEntries.Features(features) + " " + key;

    private static (string Key, double[] Features)? ParseMember(RedisValue member)
    {
        var text = (string?)member;
        var space = text?.IndexOf(' ', StringComparison.Ordinal) ?? -1;
        if (space < 0)
        {
            return null;
        }

        try
        {
            return (text![(space + 1)..], LlmCacheEntries.Features(text[..space]));
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary><paramref name="text"/> with Redis glob characters escaped, so a prefix matches only itself.</summary>
    private static string Glob(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '*' or '?' or '[' or ']' or '\\')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }
}
