namespace CryptoFunk.Agents.Providers;

/// <summary>The values <c>Llm:Providers:N:Type</c> accepts; each names the wire protocol, not the vendor.</summary>
public static class LlmProviderTypes
{
    /// <summary>Any OpenAI-compatible <c>/chat/completions</c> endpoint (OpenAI, Gemini, Bifrost, LiteLLM, Ollama, vLLM).</summary>
    public const string OpenAI = "openai";

    /// <summary>Anthropic's Messages API (<c>/v1/messages</c>).</summary>
    public const string Anthropic = "anthropic";

    /// <summary>Whether <paramref name="type"/> is one of the supported types (case-insensitive).</summary>
    public static bool IsKnown(string? type) =>
        string.Equals(type, OpenAI, StringComparison.OrdinalIgnoreCase) ||
        string.Equals(type, Anthropic, StringComparison.OrdinalIgnoreCase);

    /// <summary>The environment variable that supplies the API key when <c>ApiKey</c> is empty.</summary>
    public static string? ApiKeyEnvironmentVariable(string? type) =>
        string.Equals(type, OpenAI, StringComparison.OrdinalIgnoreCase) ? "OPENAI_API_KEY" :
        string.Equals(type, Anthropic, StringComparison.OrdinalIgnoreCase) ? "ANTHROPIC_API_KEY" :
        null;
}
