using System.CommandLine;
using CryptoFunk.Storage;

namespace CryptoFunk.Host.Commands;

/// <summary>
/// A command that reads the trading journal: it takes <c>--db</c> (read before the host starts, see
/// <see cref="CommandLineSettings"/>). Its queries refuse a database that is not there
/// (<see cref="JournalUnavailableException"/>), which <see cref="CommandFailures"/> reports as one error line and
/// <see cref="ExitCodes.NoDatabase"/>; none is ever created.
/// </summary>
internal abstract class JournalCommand : CliCommand
{
    private readonly Option<string?> _database = new(CommandLineSettings.Database) { Description = "Database connection string (SQLite file or PostgreSQL); default from configuration. Never created.", Recursive = true };

    /// <inheritdoc />
    protected sealed override void Configure(Command command)
    {
        command.Add(_database);
        AddArguments(command);
        command.SetAction(ReadAsync);
    }

    /// <summary>Adds the command's own options and arguments.</summary>
    protected abstract void AddArguments(Command command);

    /// <summary>Reads and writes the answer; returns the exit code.</summary>
    protected abstract Task<int> ReadAsync(ParseResult parse, CancellationToken cancellationToken);

    /// <summary>Writes one error line and returns <see cref="ExitCodes.BadInput"/>.</summary>
    protected static async Task<int> BadInputAsync(ParseResult parse, string message)
    {
        await parse.InvocationConfiguration.Error.WriteLineAsync($"error: {message}");
        return ExitCodes.BadInput;
    }
}
