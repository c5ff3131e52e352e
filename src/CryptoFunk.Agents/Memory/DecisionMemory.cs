using System.Runtime.InteropServices;
using CryptoFunk.Agents.Caching;
using CryptoFunk.Markets;

namespace CryptoFunk.Agents.Memory;

/// <summary>
/// What each agent did before and how it turned out, recalled point in time: a decision at time T only sees
/// entries decided before T whose outcome was known at or before T, so a backtest cannot learn from its future.
/// Entries are indexed per (agent, symbol) and only those with a known outcome are scanned, kept sorted by the
/// time the outcome became known, so a recall costs two binary searches, a pass over the window's trades and a
/// similarity pass over at most <see cref="MaxSimilarityCandidates"/> of the latest resolved decisions, however long
/// the run. Not thread-safe: one run (one decision loop) owns an instance.
/// </summary>
/// <param name="maxSimilarityCandidates">How many of the most recently resolved decisions the similarity search considers.</param>
public sealed class DecisionMemory(int maxSimilarityCandidates = DecisionMemory.DefaultMaxSimilarityCandidates)
{
    /// <summary>The default bound of the similarity search: a year of daily trades, several months of hourly ones.</summary>
    public const int DefaultMaxSimilarityCandidates = 1_000;

    /// <summary>The window recent performance is measured over when none is given.</summary>
    public static readonly TimeSpan DefaultPerformanceWindow = TimeSpan.FromDays(30);

    private readonly int _maxSimilarityCandidates = maxSimilarityCandidates > 0
        ? maxSimilarityCandidates
        : throw new ArgumentOutOfRangeException(nameof(maxSimilarityCandidates), maxSimilarityCandidates, "must be positive");
    private readonly Dictionary<(string Agent, MarketSymbol Symbol), List<Slot>> _resolved = [];
    private readonly Dictionary<string, List<Slot>> _byOrderId = new(StringComparer.Ordinal);
    private long _sequence;

    /// <summary>How many of the most recently resolved decisions (per agent and symbol) the similarity search considers.</summary>
    public int MaxSimilarityCandidates => _maxSimilarityCandidates;

    /// <summary>
    /// Keeps an agent's answer at a decision. An entry without an order id can never learn its outcome and is not
    /// kept; one with an order id waits for <see cref="RecordOutcome"/>.
    /// </summary>
    public void Remember(MemoryEntry entry)
    {
        if (entry.OrderId is null)
        {
            return;
        }

        if (!_byOrderId.TryGetValue(entry.OrderId, out var slots))
        {
            slots = [];
            _byOrderId[entry.OrderId] = slots;
        }

        slots.Add(new Slot(entry, _sequence++));
    }

    /// <summary>
    /// Attaches a trade's result to every entry whose decision placed <paramref name="openingOrderId"/>. A second
    /// outcome for the same order (another partial close) replaces the first.
    /// </summary>
    public void RecordOutcome(string openingOrderId, decimal pnlPercent, DateTimeOffset knownAt)
    {
        if (!_byOrderId.TryGetValue(openingOrderId, out var slots))
        {
            return;
        }

        var outcome = new MemoryOutcome(pnlPercent, knownAt);
        foreach (var slot in slots)
        {
            var resolved = ResolvedFor(slot.Entry);
            if (slot.Outcome is not null)
            {
                resolved.Remove(slot);
            }

            slot.Resolve(outcome);
            Insert(resolved, slot);
        }
    }

    /// <summary>
    /// The agent's learning context at <paramref name="decisionTime"/>: performance over outcomes known within
    /// <paramref name="performanceWindow"/> (default 30 days) and the <paramref name="similarCount"/> resolved
    /// decisions whose features are most like <paramref name="features"/> (ties: newer first).
    /// </summary>
    public AgentMemory Recall(
        string agentName,
        MarketSymbol symbol,
        DateTimeOffset decisionTime,
        IReadOnlyList<double> features,
        int similarCount = 5,
        TimeSpan? performanceWindow = null)
    {
        var window = performanceWindow ?? DefaultPerformanceWindow;
        if (!_resolved.TryGetValue((agentName, symbol), out var resolved))
        {
            return new AgentMemory(agentName, symbol, decisionTime, window, 0, 0, 0m, []);
        }

        var now = decisionTime.UtcTicks;
        var known = CountKnownBy(resolved, now);
        var trades = 0;
        var wins = 0;
        var pnlTotal = 0m;
        for (var i = CountKnownBy(resolved, now - window.Ticks); i < known; i++)
        {
            var slot = resolved[i];
            if (slot.DecidedAt < now)
            {
                trades++;
                wins += slot.Outcome!.PnlPercent > 0m ? 1 : 0;
                pnlTotal += slot.Outcome.PnlPercent;
            }
        }

        return new AgentMemory(
            agentName,
            symbol,
            decisionTime,
            window,
            trades,
            trades == 0 ? 0 : (double)wins / trades,
            trades == 0 ? 0m : pnlTotal / trades,
            MostSimilar(CollectionsMarshal.AsSpan(resolved)[Math.Max(0, known - _maxSimilarityCandidates)..known], now, features.ToArray(), similarCount));
    }

    private static List<SimilarDecision> MostSimilar(ReadOnlySpan<Slot> candidates, long decidedBefore, double[] features, int count)
    {
        if (count <= 0)
        {
            return [];
        }

        var best = new List<(Slot Slot, double Similarity)>(count + 1);
        foreach (var slot in candidates)
        {
            if (slot.DecidedAt >= decidedBefore)
            {
                continue;
            }

            var similarity = FeatureSimilarity.Of(features.AsSpan(), slot.Features.AsSpan());
            if (double.IsNaN(similarity))
            {
                similarity = 0;
            }

            if (best.Count == count && similarity < best[^1].Similarity)
            {
                continue;
            }

            var candidate = (slot, similarity);
            var at = best.Count;
            while (at > 0 && Ranks(candidate, best[at - 1]))
            {
                at--;
            }

            if (at < count)
            {
                best.Insert(at, candidate);
                if (best.Count > count)
                {
                    best.RemoveAt(count);
                }
            }
        }

        return [.. best.Select(b => new SimilarDecision(b.Slot.Entry, b.Slot.Outcome!, b.Similarity))];
    }

    /// <summary>True when <paramref name="a"/> belongs before <paramref name="b"/>: more similar, then newer, then remembered later.</summary>
    private static bool Ranks((Slot Slot, double Similarity) a, (Slot Slot, double Similarity) b) =>
        a.Similarity != b.Similarity ? a.Similarity > b.Similarity
        : a.Slot.DecidedAt != b.Slot.DecidedAt ? a.Slot.DecidedAt > b.Slot.DecidedAt
        : a.Slot.Sequence > b.Slot.Sequence;

    /// <summary>How many of the (sorted) resolved slots were known at or before <paramref name="utcTicks"/>.</summary>
    private static int CountKnownBy(List<Slot> resolved, long utcTicks)
    {
        var low = 0;
        var high = resolved.Count;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (resolved[middle].KnownAt <= utcTicks)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    /// <summary>Inserts keeping the list sorted by known time (arrival order among equal times); appends in the usual case.</summary>
    private static void Insert(List<Slot> resolved, Slot slot) =>
        resolved.Insert(CountKnownBy(resolved, slot.KnownAt), slot);

    /// <summary>Indexes the entry by its order id; null (not kept) when it has none.</summary>
    private List<Slot> ResolvedFor(MemoryEntry entry)
    {
        if (!_resolved.TryGetValue((entry.AgentName, entry.Symbol), out var resolved))
        {
            resolved = [];
            _resolved[(entry.AgentName, entry.Symbol)] = resolved;
        }

        return resolved;
    }

    private sealed class Slot(MemoryEntry entry, long sequence)
    {
        public MemoryEntry Entry { get; } = entry;

        /// <summary>The entry's features as an array, copied once so recall compares spans.</summary>
        public double[] Features { get; } = [.. entry.Features];

        public long Sequence { get; } = sequence;

        /// <summary>Decision time in UTC ticks, compared without <see cref="DateTimeOffset"/> arithmetic in the scan.</summary>
        public long DecidedAt { get; } = entry.DecisionTime.UtcTicks;

        public MemoryOutcome? Outcome { get; private set; }

        /// <summary>When the outcome became known, in UTC ticks (the sort key of the resolved lists).</summary>
        public long KnownAt { get; private set; }

        public void Resolve(MemoryOutcome outcome)
        {
            Outcome = outcome;
            KnownAt = outcome.KnownAt.UtcTicks;
        }
    }
}
