namespace CryptoFunk.Agents.Telemetry;

/// <summary>
/// Every activity source and meter the application listens to, in one place so tracing, metrics and the span store
/// agree: ours, Microsoft.Extensions.AI's (the model pipeline's <c>chat</c> and <c>execute_tool</c> spans and
/// <c>gen_ai.client.*</c> metrics) and Semantic Kernel's.
/// </summary>
public static class TelemetrySources
{
    /// <summary>Semantic Kernel's activity sources and meters (<c>Microsoft.SemanticKernel</c> and below).</summary>
    public const string SemanticKernel = "Microsoft.SemanticKernel*";

    /// <summary>The names, wildcards allowed, of the activity sources and meters listened to.</summary>
    public static IReadOnlyList<string> Names { get; } = [AgentTelemetry.SourceName, AgentTelemetry.ModelSourceName, SemanticKernel];
}
