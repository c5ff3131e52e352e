using System.ClientModel.Primitives;

namespace CryptoFunk.Agents.Providers;

/// <summary>
/// Removes the <c>Authorization</c> header for local OpenAI-compatible servers (Ollama, vLLM) configured without a
/// key. The SDK insists on a credential, so it is given a placeholder that this policy keeps off the wire.
/// </summary>
internal sealed class NoApiKeyPolicy : PipelinePolicy
{
    public const string PlaceholderKey = "no-api-key";

    public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        message.Request.Headers.Remove("Authorization");
        ProcessNext(message, pipeline, currentIndex);
    }

    public override ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        message.Request.Headers.Remove("Authorization");
        return ProcessNextAsync(message, pipeline, currentIndex);
    }
}
