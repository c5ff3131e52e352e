using Microsoft.Extensions.AI;

namespace CryptoFunk.Agents.Prompts;

/// <summary>
/// A compiled prompt template (SK's <c>IPromptTemplate</c>, returning chat messages rather than text because every
/// caller here sends them to an <see cref="IChatClient"/>). Compiled once per prompt version; thread-safe.
/// </summary>
public interface IPromptTemplate
{
    /// <summary>
    /// The chat messages for <paramref name="arguments"/>. Values are inserted as data: unless a variable allows
    /// dangerous content, markup in a value stays text of the message it is in.
    /// </summary>
    /// <exception cref="PromptRenderException">A required variable has neither a value nor a default.</exception>
    ValueTask<IReadOnlyList<ChatMessage>> RenderAsync(PromptArguments? arguments, CancellationToken cancellationToken);
}
