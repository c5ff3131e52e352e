namespace CryptoFunk.Agents.Prompts;

/// <summary>Where prompt files live and whether edits are picked up while running (configuration section <c>Prompts</c>).</summary>
public sealed class PromptLibraryOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Prompts";

    /// <summary>
    /// The folder holding <c>*.yaml</c>/<c>*.yml</c> prompt files (<c>Prompts:Directory</c>). A relative path is taken
    /// from the working directory, else from the program's folder, else from the repository root above it.
    /// </summary>
    public string Directory { get; set; } = "prompts";

    /// <summary>
    /// Whether to watch the folder and check a prompt's file before each use (<c>Prompts:Watch</c>), so an edited
    /// file is used from the next call on without a restart.
    /// </summary>
    public bool Watch { get; set; } = true;
}
