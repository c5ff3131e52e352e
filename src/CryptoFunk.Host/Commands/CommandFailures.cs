using System.Net.Sockets;
using System.Text.RegularExpressions;
using CryptoFunk.Cluster.Hosting;
using CryptoFunk.Engine;
using CryptoFunk.Engine.Backtesting;
using CryptoFunk.Host.Configuration;
using CryptoFunk.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Runtime;

namespace CryptoFunk.Host.Commands;

/// <summary>
/// Turns an exception no command handled into one error line and an exit code: a bad configuration value or an
/// unusable database is named with the key, file or flag to fix, never shown as a stack trace. The stack trace of an
/// unexpected failure goes to the debug log (<c>Logging:LogLevel:CryptoFunk=Debug</c>).
/// </summary>
internal sealed partial class CommandFailures(ConfigurationOrigins origins, ILogger<CommandFailures> logger)
{
    /// <summary>Writes the one error line for <paramref name="exception"/>; returns the exit code.</summary>
    public async Task<int> ReportAsync(Exception exception, TextWriter error)
    {
        var (message, exitCode) = Describe(exception);
        await error.WriteLineAsync($"error: {message}");
        return exitCode;
    }

    /// <summary>The error line (without <c>error: </c>) and exit code for <paramref name="exception"/>.</summary>
    public (string Message, int ExitCode) Describe(Exception exception)
    {
        foreach (var cause in Causes(exception))
        {
            if (Known(cause) is { } known)
            {
                return known;
            }
        }

        LogUnexpected(logger, exception);

        // A run that failed for a reason not named above says which run and where (it is stored as failed).
        return Causes(exception).FirstOrDefault(e => e is BacktestFailedException or TradingRunFailedException) is { } run
            ? (run.Message, ExitCodes.Failure)
            : ($"{exception.GetType().Name}: {exception.Message}", ExitCodes.Failure);
    }

    private (string, int)? Known(Exception exception) => exception switch
    {
        JournalUnavailableException e => (e.Message, ExitCodes.NoDatabase),
        ClusterUnavailableException e => (e.Message, ExitCodes.Failure),
        SiloUnavailableException => (
            $"cluster: no silo answers; is a 'cryptofunk silo' running with the same {CryptoFunkClusterOptions.ConnectionStringKey} (--cluster) and Cluster:ClusterId?",
            ExitCodes.Failure),
        OptionsValidationException e => ($"invalid configuration: {string.Join("; ", e.Failures)}", ExitCodes.BadInput),
        InvalidOperationException e when ConversionFailure().Match(e.Message) is { Success: true } m =>
            ($"configuration {m.Groups["key"].Value} = '{m.Groups["value"].Value}' (from {origins.Of(m.Groups["key"].Value)}) is not a valid {Simple(m.Groups["type"].Value)}", ExitCodes.BadInput),
        SqliteException e => Sqlite(e),
        RetryLimitExceededException e => (
            $"database: unreachable for longer than Database:OutageTimeout ({e.InnerException?.GetBaseException().Message ?? e.Message}); the run stopped; what was stored before the outage is kept (a paper account continues when run again)",
            ExitCodes.Failure),
        PostgresException e => ($"database: PostgreSQL refused ({e.SqlState}: {e.MessageText}); check Database:ConnectionString (--db)", ExitCodes.Failure),
        NpgsqlException e when e.InnerException is SocketException or TimeoutException =>
            ($"database: cannot reach PostgreSQL ({e.Message}); is the server running and Database:ConnectionString (--db) right?", ExitCodes.Failure),
        UnauthorizedAccessException e => ($"{e.Message}", ExitCodes.Failure),
        _ => null,
    };

    private static (string, int) Sqlite(SqliteException e) => e.SqliteErrorCode switch
    {
        14 => ("database: SQLite cannot open the file; does its folder exist and may it be written? (Database:ConnectionString, --db)", ExitCodes.BadInput),
        26 => ("database: the file is not a SQLite database; point --db (Database:ConnectionString) at a CryptoFunk database or a new file", ExitCodes.BadInput),
        8 => ("database: the SQLite file is read-only; nothing was written (Database:ConnectionString, --db)", ExitCodes.Failure),
        13 => ("database: the disk is full; the last write was rolled back, nothing half-written", ExitCodes.Failure),
        _ => ($"database: SQLite error {e.SqliteErrorCode} ({e.Message.Split('\n')[0]})", ExitCodes.Failure),
    };

    private static IEnumerable<Exception> Causes(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Causes))
                {
                    yield return inner;
                }
            }
        }
    }

    private static string Simple(string typeName) => typeName[(typeName.LastIndexOf('.') + 1)..];

    [GeneratedRegex(@"^Failed to convert configuration value '(?<value>.*)' at '(?<key>[^']+)' to type '(?<type>[^']+)'")]
    private static partial Regex ConversionFailure();

    [LoggerMessage(Level = LogLevel.Debug, Message = "unexpected failure")]
    private static partial void LogUnexpected(ILogger logger, Exception exception);
}
