using System.CommandLine;
using CryptoFunk.Storage;

namespace CryptoFunk.Host.Commands;

/// <summary>
/// A command that reads the trading journal: it takes <c>--db</c> (read before the host starts, see
/// <see cref="CommandLineSettings"/>), and a database that is not there is one error line and
/// <see cref="ExitCodes.NoDatabase"/>, never a new empty database.
/// </summary>
internal abstract class JournalCommand : CliCommand
{
    private readonly Option<string?> _database = new(CommandLineSettings.Database) { Description = "Database connection string (SQLite file or PostgreSQL); default from configuration. Never created.", Recursive = true };

    /// <inheritdoc />
    protected sealed override void Configure(Command command)
    {
        command.Add(_database);
        AddArguments(command);
        command.SetAction(Reading(ReadAsync));
    }

    /// <summary>An action that reads the journal: a missing database is one error line and <see cref="ExitCodes.NoDatabase"/>.</summary>
    protected static Func<ParseResult, CancellationToken, Task<int>> Reading(Func<ParseResult, CancellationToken, Task<int>> read) =>
        async (parse, cancellationToken) =>
        {
            try
            {
                return await read(parse, cancellationToken);
            }
            catch (JournalUnavailableException e)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"error: {e.Message}");
                return ExitCodes.NoDatabase;
            }
        };

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
