using CryptoFunk.Agents.Agents;
using CryptoFunk.Agents.Answers;
using CryptoFunk.Agents.Chat;
using CryptoFunk.Agents.Context;
using CryptoFunk.Agents.Telemetry;
using CryptoFunk.Trading.Risk;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace CryptoFunk.Agents.Orchestration;

/// <summary>
/// Makes one trading decision as an <see cref="AgentGroupChat"/>: analysts vote, strategists propose, the risk agent
/// reviews, then the code risk gate sets the final quantity (the agent may only shrink a trade). It decides; it never
/// places orders.
/// </summary>
public sealed class TradingDecisionMaker
{
    private readonly ChatCompletionAgentFactory _agents;
    private readonly IRulesEngine _rules;
    private readonly TradingOptions _options;
    private readonly RiskGate _gate;
    private readonly RiskLimitsOptions _limits;
    private readonly AgentDeadline _deadline;

    /// <summary>
    /// Creates the decision maker; refuses invalid <see cref="TradingOptions"/> naming the key. Stage deadlines run on
    /// <paramref name="time"/>.
    /// </summary>
    public TradingDecisionMaker(ChatCompletionAgentFactory agents, IRulesEngine rules, IOptions<TradingOptions> options, RiskGate gate, IOptions<RiskLimitsOptions> limits, TimeProvider time)
    {
        IReadOnlyList<string> errors = [.. options.Value.Errors(), .. TradingAgentNames.Errors(options.Value, agents.Prompts)];
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(Microsoft.Extensions.Options.Options.DefaultName, typeof(TradingOptions), errors);
        }

        _agents = agents;
        _rules = rules;
        _options = options.Value;
        _gate = gate;
        _limits = limits.Value;
        _deadline = new AgentDeadline(_options.DecisionTimeout, time);
    }

    /// <summary>The options in force.</summary>
    public TradingOptions Options => _options;

    /// <summary>The hard risk limits in force.</summary>
    public RiskLimitsOptions Limits => _limits;

    /// <summary>
    /// The agents of a decision, built once per run from their prompt files. Agents named in
    /// <paramref name="unavailable"/> are left out (an order-book agent in a backtest from candles has no book to read);
    /// leaving one out is a choice of the run, not a failure, so it does not degrade the decisions. With
    /// <paramref name="rulesOnly"/> every agent is the rules engine alone (the baseline next to the agents).
    /// </summary>
    public DecisionParticipants CreateParticipants(IReadOnlyCollection<string>? unavailable = null, bool rulesOnly = false)
    {
        var skip = unavailable ?? [];
        Agent Create(string name) => rulesOnly ? new RulesAgent { Name = name, Rule = _rules.RuleFor(name) } : _agents.Create(name);
        var analysts = _options.AnalysisAgents.Where(a => !skip.Contains(a)).Select(Create).ToList();
        if (analysts.Count == 0)
        {
            throw new InvalidOperationException($"no analysis agent is left once {string.Join(", ", skip)} are left out");
        }

        if (analysts.Count < _options.MinimumVoters)
        {
            throw new InvalidOperationException(
                $"only {analysts.Count} analysis agents are left once {string.Join(", ", skip)} are left out, fewer than " +
                $"{TradingOptions.Section}:MinimumVoters ({_options.MinimumVoters}), so no consensus could ever be reached");
        }

        return new DecisionParticipants(
            new ParallelAgentGroup { Name = "analysis", Description = "Analysis agents, in parallel", Members = analysts },
            new ParallelAgentGroup { Name = "strategy", Description = "Strategy agents, in parallel", Members = [.. _options.StrategyAgents.Select(Create)] },
            Create(_options.RiskAgent))
        {
            ReadPrompts = !rulesOnly,
        };
    }

    /// <summary>
    /// Runs the chat for <paramref name="context"/> with <paramref name="inputs"/> (market context, memory, tools)
    /// and returns the decision.
    /// </summary>
    public async Task<TradingDecision> DecideAsync(DecisionParticipants participants, DecisionContext context, AgentInvokeOptions inputs, CancellationToken cancellationToken)
    {
        using var activity = AgentTelemetry.StartDecision(context.Symbol.ToString(), ContextFormat.Time(context.DecisionTime));
        var decision = await DecideCoreAsync(participants, context, inputs, cancellationToken);
        AgentTelemetry.RecordDecision(activity, decision.Action.ToWire(), decision.Reason, decision.Degraded);
        return decision;
    }

    private async Task<TradingDecision> DecideCoreAsync(DecisionParticipants participants, DecisionContext context, AgentInvokeOptions inputs, CancellationToken cancellationToken)
    {
        var reader = new DeliberationReader(participants, context, _options);
        var chat = new AgentGroupChat(
            new AgentGroupChatSettings
            {
                SelectionStrategy = new ConsensusSelectionStrategy(reader, _gate, _limits),
                TerminationStrategy = new RiskApprovalTerminationStrategy(reader) { MaximumIterations = _options.MaximumIterations },
            },
            participants.All)
        {
            InvokeOptions = inputs with { Deadline = _deadline },
        };
        chat.AddChatMessage(new ChatMessage(ChatRole.User, $"Decide whether to trade {context.Symbol} at {ContextFormat.Time(context.DecisionTime)}."));
        await foreach (var _ in chat.InvokeAsync(cancellationToken))
        {
        }

        var state = reader.Read(chat.History);
        var (conclusion, reason) = state.Conclusion ?? (ChatConclusion.IterationLimit, $"HOLD: {chat.StopReason}");
        var decision = new TradingDecision
        {
            Symbol = context.Symbol,
            DecisionTime = context.DecisionTime,
            Action = TradeAction.Hold,
            Reason = reason,
            Conclusion = conclusion,
            Degraded = state.Degraded,
            Consensus = state.Consensus,
            Proposal = state.Choice?.Best,
            Trade = state.Choice?.Best?.ToTrade(context.Symbol, context.Price),
            Review = state.RiskResponse is { } risk ? RiskReview.From(risk) : null,
            Responses = state.Responses,
            Turns = chat.Turns,
        };

        return conclusion switch
        {
            ChatConclusion.NoQuorum => decision with { Refusals = [new TradeRefusal(RefusalCodes.Quorum, reason)] },
            ChatConclusion.Close => decision with { Action = TradeAction.Close, Quantity = context.Position!.Quantity },
            ChatConclusion.RiskRejected => decision with { Refusals = RiskRejection(decision, context, state.RiskResponse!) },
            ChatConclusion.RiskApproved => Approve(decision, context),
            _ => decision,
        };
    }

    /// <summary>
    /// Checks an approved entry again against <paramref name="context"/>'s account: decisions made in parallel for
    /// several markets saw the same account, so once an earlier one has traded the hard limits may shrink or refuse a
    /// later one (never enlarge it). Anything but an entry passes unchanged.
    /// </summary>
    public TradingDecision Confirm(TradingDecision decision, DecisionContext context)
    {
        if (!decision.IsEntry)
        {
            return decision;
        }

        var assessment = _gate.Evaluate(decision.Trade!, context.Portfolio, context.MarketCheck, decision.Quantity, llmApproved: true);
        if (!assessment.Approved)
        {
            return decision with
            {
                Action = TradeAction.Hold,
                Quantity = 0m,
                Risk = assessment,
                Refusals = assessment.Refusals,
                Reason = $"HOLD: {decision.Reason}; but once earlier markets had traded at this close the code risk gate refused: {string.Join("; ", assessment.Rejections)}",
            };
        }

        return assessment.Quantity >= decision.Quantity ? decision : decision with
        {
            Quantity = assessment.Quantity,
            Risk = assessment,
            Reason = $"{decision.Reason}; once earlier markets had traded at this close, clamped by code: {string.Join("; ", assessment.Clamps.Select(c => c.Reason))}",
        };
    }

    /// <summary>
    /// Why the risk review refused: the gate's own reasons when it refused the trade before the agent saw it (the agent
    /// only passed them on), else the agent's rejection, its missed deadline or its missing verdict.
    /// </summary>
    private IReadOnlyList<TradeRefusal> RiskRejection(TradingDecision decision, DecisionContext context, AgentResponse risk)
    {
        var preview = _gate.Evaluate(decision.Trade!, context.Portfolio, context.MarketCheck, llmApprovedQuantity: null, llmApproved: true);
        if (!preview.Approved)
        {
            return preview.Refusals;
        }

        var code = decision.Review is not null ? RefusalCodes.RiskAgentRejected
            : risk.MissedDeadline ? RefusalCodes.Deadline
            : RefusalCodes.RiskAgentNoVerdict;
        return [new TradeRefusal(code, decision.Reason)];
    }

    private TradingDecision Approve(TradingDecision decision, DecisionContext context)
    {
        var assessment = _gate.Evaluate(decision.Trade!, context.Portfolio, context.MarketCheck, decision.Review!.AdjustedSize, llmApproved: true);
        if (!assessment.Approved)
        {
            return decision with
            {
                Risk = assessment,
                Refusals = assessment.Refusals,
                Reason = $"HOLD: {decision.Reason}; but the code risk gate refused: {string.Join("; ", assessment.Rejections)}",
            };
        }

        var clamps = assessment.Clamps.Count == 0 ? string.Empty : $"; clamped by code: {string.Join("; ", assessment.Clamps.Select(c => c.Reason))}";
        return decision with
        {
            Action = decision.Proposal!.Action,
            Quantity = assessment.Quantity,
            Risk = assessment,
            Reason = $"{decision.Proposal.Action.ToWire()} {RiskText.Number(decimal.Round(assessment.Quantity, 8))}: {decision.Reason}{clamps}",
        };
    }
}
