namespace CryptoFunk.Tests.Reliability;

/// <summary>Where text that code did not write reaches a prompt.</summary>
internal enum PlantChannel
{
    /// <summary>An analyst's reasoning, in the strategists' analysis summary.</summary>
    AnalystReasoning,

    /// <summary>An analyst's key factors, in the strategists' analysis summary.</summary>
    KeyFactors,

    /// <summary>Why an analyst did not vote (its refused answer, quoted back), in the strategists' analysis summary.</summary>
    NotVoting,

    /// <summary>The chosen strategist's reasoning, in the risk agent's proposed trade.</summary>
    ProposalReasoning,

    /// <summary>An earlier decision's reasoning, in an agent's learning context.</summary>
    Memory,

    /// <summary>Why an answer was refused, in the repair request to the same agent.</summary>
    Repair,

    /// <summary>A tool's result, after the model passed the plant as a tool argument.</summary>
    ToolResult,
}
