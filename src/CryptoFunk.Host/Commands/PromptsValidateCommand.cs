using System.CommandLine;
using CryptoFunk.Agents.Prompts;
using Microsoft.Extensions.Options;

namespace CryptoFunk.Host.Commands;

/// <summary>
/// <c>prompts validate</c>: loads every prompt file as the agents would and prints each problem as
/// <c>FILE:LINE: reason</c>; exit code 0 when all are valid, 2 when any is not (or the folder is missing).
/// </summary>
internal sealed class PromptsValidateCommand(IOptions<PromptLibraryOptions> options) : PromptsCommand(options)
{
    /// <summary>The exit code when a file is invalid.</summary>
    public const int InvalidExitCode = 2;

    public override string Path => "prompts validate";

    protected override string Example => "cryptofunk prompts validate --dir prompts";

    protected override string Description => "Check every prompt file; print problems as FILE:LINE: reason; exit 2 if any file is invalid.";

    protected override void Configure(Command command)
    {
        AddSharedOptions(command);
        command.SetAction((result, cancellationToken) =>
        {
            var output = result.InvocationConfiguration.Output;
            using var library = OpenLibrary(result);
            if (!Directory.Exists(library.Directory))
            {
                output.WriteLine($"{Display(library.Directory)}: the prompt directory does not exist");
                return Task.FromResult(InvalidExitCode);
            }

            var errors = library.Errors;
            var invalidFiles = errors.Select(e => e.FilePath).ToHashSet(StringComparer.Ordinal);
            var valid = library.Prompts.Where(p => !invalidFiles.Contains(p.FilePath)).ToList();
            foreach (var prompt in valid)
            {
                output.WriteLine($"ok {Display(prompt.FilePath)} ({prompt.Name}, version {prompt.Version})");
            }

            foreach (var error in errors)
            {
                output.WriteLine(error.Format(Display(error.FilePath)));
            }

            output.WriteLine(valid.Count + invalidFiles.Count == 0
                ? $"no prompt files in {Display(library.Directory)}"
                : $"{valid.Count} valid, {invalidFiles.Count} invalid");
            return Task.FromResult(invalidFiles.Count == 0 ? 0 : InvalidExitCode);
        });
    }
}
