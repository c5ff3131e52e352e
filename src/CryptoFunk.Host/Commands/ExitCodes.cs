namespace CryptoFunk.Host.Commands;

/// <summary>Process exit codes shared by every command, so scripts can tell a bad input from a failure.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>The work failed (exchange down, provider error, database error).</summary>
    public const int Failure = 1;

    /// <summary>The command line or an input file was invalid; the message says which and where.</summary>
    public const int BadInput = 2;

    /// <summary>A command that reads found no CryptoFunk database where <c>--db</c> points; it created none.</summary>
    public const int NoDatabase = 3;

    /// <summary>Ctrl+C stopped a command that cannot stop cleanly between steps (paper trading exits 0 instead).</summary>
    public const int Interrupted = 130;
}
