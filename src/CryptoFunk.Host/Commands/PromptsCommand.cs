using System.CommandLine;
using CryptoFunk.Agents.Prompts;
using Microsoft.Extensions.Options;

namespace CryptoFunk.Host.Commands;

/// <summary>
/// What the <c>prompts</c> commands share: the <c>--dir</c> option (default <c>Prompts:Directory</c>) and a fresh,
/// non-watching library over that folder, so each command sees the files as they are now.
/// </summary>
internal abstract class PromptsCommand(IOptions<PromptLibraryOptions> options) : CliCommand
{
    /// <summary><c>--dir DIR</c>: the prompt folder to use instead of the configured one.</summary>
    protected Option<string?> DirectoryOption { get; } = new("--dir")
    {
        Description = "Prompt folder (default: the Prompts:Directory setting, 'prompts').",
    };

    /// <summary>Adds the shared options; derived commands call this from <see cref="CliCommand.Configure"/>.</summary>
    protected void AddSharedOptions(Command command) => command.Add(DirectoryOption);

    /// <summary>A library over the chosen folder, loaded now.</summary>
    protected PromptLibrary OpenLibrary(ParseResult result)
    {
        var library = new PromptLibrary(result.GetValue(DirectoryOption) ?? options.Value.Directory, watch: false);
        library.Refresh();
        return library;
    }

    /// <summary><paramref name="path"/> relative to the working directory when it is below it, else as is.</summary>
    protected static string Display(string path)
    {
        var relative = System.IO.Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || System.IO.Path.IsPathRooted(relative) ? path : relative;
    }

    /// <summary>Reports a missing folder on <paramref name="error"/>; true when it is missing.</summary>
    protected static bool ReportMissingDirectory(PromptLibrary library, TextWriter error)
    {
        if (Directory.Exists(library.Directory))
        {
            return false;
        }

        error.WriteLine($"{Display(library.Directory)}: the prompt directory does not exist");
        return true;
    }
}
