namespace CryptoFunk.Agents.Telemetry;

/// <summary>
/// Attribute names of the OpenTelemetry GenAI semantic conventions, and CryptoFunk's own under <c>cryptofunk.*</c>,
/// in one place so spans, metrics and the span store agree.
/// </summary>
public static class GenAiAttributes
{
    /// <summary><c>invoke_agent</c>, <c>chat</c> or <c>execute_tool</c>.</summary>
    public const string OperationName = "gen_ai.operation.name";

    /// <summary>The provider (e.g. openai, anthropic).</summary>
    public const string ProviderName = "gen_ai.provider.name";

    /// <summary>The agent's name.</summary>
    public const string AgentName = "gen_ai.agent.name";

    /// <summary>The agent's description.</summary>
    public const string AgentDescription = "gen_ai.agent.description";

    /// <summary>Model asked for.</summary>
    public const string RequestModel = "gen_ai.request.model";

    /// <summary>Sampling temperature asked for.</summary>
    public const string RequestTemperature = "gen_ai.request.temperature";

    /// <summary>Output token limit asked for.</summary>
    public const string RequestMaxTokens = "gen_ai.request.max_tokens";

    /// <summary>Model that answered.</summary>
    public const string ResponseModel = "gen_ai.response.model";

    /// <summary>Provider's id of the response.</summary>
    public const string ResponseId = "gen_ai.response.id";

    /// <summary>Why the model stopped.</summary>
    public const string ResponseFinishReasons = "gen_ai.response.finish_reasons";

    /// <summary>Input tokens.</summary>
    public const string UsageInputTokens = "gen_ai.usage.input_tokens";

    /// <summary>Output tokens.</summary>
    public const string UsageOutputTokens = "gen_ai.usage.output_tokens";

    /// <summary><c>input</c> or <c>output</c> on the token usage metric.</summary>
    public const string TokenType = "gen_ai.token.type";

    /// <summary>Tool (function) name.</summary>
    public const string ToolName = "gen_ai.tool.name";

    /// <summary>Tool description.</summary>
    public const string ToolDescription = "gen_ai.tool.description";

    /// <summary>Id of the tool call the model made.</summary>
    public const string ToolCallId = "gen_ai.tool.call.id";

    /// <summary>Kind of tool: <c>function</c>.</summary>
    public const string ToolType = "gen_ai.tool.type";

    /// <summary>Error class of a failed operation.</summary>
    public const string ErrorType = "error.type";

    /// <summary>Where an answer came from (<c>llm:...</c>, <c>cache</c>, <c>replay</c>, <c>rules</c>, <c>hold</c>).</summary>
    public const string ResponseSource = "cryptofunk.response.source";

    /// <summary>The provider (<c>name/model</c>) that answered a model call.</summary>
    public const string Provider = "cryptofunk.provider";

    /// <summary>True when the answer is a fallback or an abstention.</summary>
    public const string Degraded = "cryptofunk.degraded";

    /// <summary>Content hash of the prompt used.</summary>
    public const string PromptVersion = "cryptofunk.prompt.version";

    /// <summary>Cost in US dollars.</summary>
    public const string CostUsd = "cryptofunk.cost_usd";

    /// <summary>The stored run (backtest or paper account) a trading decision belongs to.</summary>
    public const string RunId = "cryptofunk.run_id";

    /// <summary>The market a trading decision is about (<c>BTC/USDT</c>).</summary>
    public const string Symbol = "cryptofunk.symbol";

    /// <summary>The decision time (market time, ISO 8601 UTC), not the wall clock.</summary>
    public const string DecisionTime = "cryptofunk.decision_time";

    /// <summary>What the group decided: BUY, SELL, HOLD or CLOSE.</summary>
    public const string Action = "cryptofunk.action";

    /// <summary>Why the decision's chat ended.</summary>
    public const string Reason = "cryptofunk.reason";
}
