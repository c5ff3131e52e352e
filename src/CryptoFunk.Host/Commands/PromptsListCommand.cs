using System.CommandLine;
using CryptoFunk.Agents.Prompts;
using Microsoft.Extensions.Options;

namespace CryptoFunk.Host.Commands;

/// <summary><c>prompts list</c>: a table of the usable prompts (name, description, version, file, input variables).</summary>
internal sealed class PromptsListCommand(IOptions<PromptLibraryOptions> options) : PromptsCommand(options)
{
    private const int DescriptionWidth = 60;

    public override string Path => "prompts list";

    protected override string Example => "cryptofunk prompts list";

    protected override string Description => "List the prompt files: name, description, version, file and input variables.";

    protected override void Configure(Command command)
    {
        AddSharedOptions(command);
        command.SetAction((result, cancellationToken) =>
        {
            var output = result.InvocationConfiguration.Output;
            var error = result.InvocationConfiguration.Error;
            using var library = OpenLibrary(result);
            if (ReportMissingDirectory(library, error))
            {
                return Task.FromResult(1);
            }

            var prompts = library.Prompts;
            if (prompts.Count == 0)
            {
                output.WriteLine($"no prompts in {Display(library.Directory)}");
            }
            else
            {
                var rows = prompts.Select(p => new[]
                {
                    p.Name,
                    Shorten(p.Config.Description ?? string.Empty),
                    p.Version,
                    Display(p.FilePath),
                    string.Join(", ", p.Config.InputVariables.Select(v => v.IsRequired && v.Default is null ? v.Name : $"[{v.Name}]")),
                }).ToList();
                TextTable.Write(output, ["NAME", "DESCRIPTION", "VERSION", "FILE", "INPUT VARIABLES ([optional])"], rows);
            }

            foreach (var problem in library.Errors)
            {
                error.WriteLine(problem.Format(Display(problem.FilePath)));
            }

            return Task.FromResult(0);
        });
    }

    private static string Shorten(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length <= DescriptionWidth ? line : string.Concat(line.AsSpan(0, DescriptionWidth - 1), "…");
    }
}
