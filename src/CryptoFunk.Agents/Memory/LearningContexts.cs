namespace CryptoFunk.Agents.Memory;

/// <summary>
/// Writes agents' learning contexts, each past decision's lines once: the most similar past decisions change from one
/// decision of a market to the next, but they are drawn from the same few remembered ones, and writing their numbers
/// and quoted reasoning for every agent at every decision was most of the memory's cost. The text is always what
/// <see cref="AgentMemory.Format()"/> writes. Not thread-safe: one market's decisions, one at a time.
/// </summary>
public sealed class LearningContexts
{
    private readonly Dictionary<MemoryEntry, (MemoryOutcome Outcome, string Text)> _described = new(ReferenceEqualityComparer.Instance);

    /// <summary>The text of <paramref name="memory"/>.</summary>
    public string Text(AgentMemory memory) => memory.Format(Describe);

    private string Describe(SimilarDecision similar)
    {
        // A later outcome of the same order (another partial close) replaces the first, and the lines with it.
        if (_described.TryGetValue(similar.Entry, out var described) && ReferenceEquals(described.Outcome, similar.Outcome))
        {
            return described.Text;
        }

        var text = AgentMemory.Describe(similar);
        _described[similar.Entry] = (similar.Outcome, text);
        return text;
    }
}
