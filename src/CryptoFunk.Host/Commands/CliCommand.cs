using System.CommandLine;

namespace CryptoFunk.Host.Commands;

/// <summary>
/// One <c>cryptofunk</c> sub-command. Commands are registered in DI so they receive services through their
/// constructors; <see cref="CommandLineApp"/> places each under its <see cref="Path"/> (e.g. <c>data download</c>).
/// </summary>
internal abstract class CliCommand
{
    /// <summary>Space-separated path from the root, such as <c>indicators</c> or <c>data download</c>.</summary>
    public abstract string Path { get; }

    /// <summary>Builds the command with its options and action.</summary>
    public Command Create()
    {
        var command = new Command(Path.Split(' ')[^1], $"{Description}{Environment.NewLine}Example: {Example}");
        Configure(command);
        return command;
    }

    /// <summary>One line shown in <c>--help</c>.</summary>
    protected abstract string Description { get; }

    /// <summary>A command line that works as shown, under the description in <c>--help</c>.</summary>
    protected abstract string Example { get; }

    /// <summary>Adds options and sets the action.</summary>
    protected abstract void Configure(Command command);
}
