using Microsoft.Extensions.AI;

namespace CryptoFunk.Agents.Orchestration;

/// <summary>
/// Reads one decision's chat for both strategies and the decision maker, parsing the history again only when it
/// has grown, so the selection and termination of a turn agree and the answers are parsed once.
/// </summary>
public sealed class DeliberationReader(DecisionParticipants participants, DecisionContext context, TradingOptions options)
{
    private Deliberation? _last;
    private int _readAt = -1;

    /// <summary>The participants.</summary>
    public DecisionParticipants Participants => participants;

    /// <summary>What code knows at the decision time.</summary>
    public DecisionContext Context => context;

    /// <summary>The options in force.</summary>
    public TradingOptions Options => options;

    /// <summary>Where the chat stands after <paramref name="history"/>.</summary>
    public Deliberation Read(IReadOnlyList<ChatMessage> history)
    {
        if (_last is null || _readAt != history.Count)
        {
            _last = Deliberation.Read(history, participants, context, options);
            _readAt = history.Count;
        }

        return _last;
    }
}
