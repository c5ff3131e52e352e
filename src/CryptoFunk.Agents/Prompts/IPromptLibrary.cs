namespace CryptoFunk.Agents.Prompts;

/// <summary>
/// The prompts agents use, by name, always the latest good version of each file. Thread-safe.
/// </summary>
public interface IPromptLibrary
{
    /// <summary>The folder the prompts come from.</summary>
    string Directory { get; }

    /// <summary>The prompt named <paramref name="name"/>, reflecting any edit saved before this call.</summary>
    /// <exception cref="PromptUnavailableException">No file defines it, or its file has never loaded successfully.</exception>
    LoadedPrompt Get(string name);

    /// <summary>Every usable prompt, by name.</summary>
    IReadOnlyList<LoadedPrompt> Prompts { get; }

    /// <summary>Every file problem currently known (refused edits included), by file.</summary>
    IReadOnlyList<PromptError> Errors { get; }
}
