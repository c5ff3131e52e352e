using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;

namespace CryptoFunk.Agents.Prompts;

/// <summary>
/// An SK <see cref="IPromptTemplate"/> that can also render straight to chat messages, so the agent's hot path does
/// not write the prompt as text and parse it back. Both ways give the same messages. Compiled once per prompt
/// version; thread-safe.
/// </summary>
public interface IChatPromptTemplate : IPromptTemplate
{
    /// <summary>
    /// The chat messages for <paramref name="arguments"/>, as SK's chat prompt parser would read the rendered text.
    /// Values are inserted as data: unless a variable allows dangerous content, markup in a value stays text of the
    /// message it is in.
    /// </summary>
    /// <exception cref="PromptRenderException">A required variable has neither a value nor a default.</exception>
    ValueTask<IReadOnlyList<ChatMessage>> RenderMessagesAsync(KernelArguments? arguments, CancellationToken cancellationToken);
}
