namespace CryptoFunk.Host;

/// <summary>
/// Command-line options that are configuration (<c>--db</c> is <c>Database:ConnectionString</c>, <c>--llm-mode</c>
/// is <c>Llm:Mode</c>), read before the host is built so every service sees them, and winning over files and
/// environment variables.
/// </summary>
internal static class CommandLineSettings
{
    /// <summary>The database option.</summary>
    public const string Database = "--db";

    /// <summary>The LLM mode option.</summary>
    public const string LlmMode = "--llm-mode";

    private static readonly Dictionary<string, string> Keys = new(StringComparer.Ordinal)
    {
        [Database] = "Database:ConnectionString",
        [LlmMode] = "Llm:Mode",
    };

    /// <summary>The configuration values given in <paramref name="args"/> (<c>--db X</c> or <c>--db=X</c>).</summary>
    public static Dictionary<string, string?> From(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inline) = args[i].IndexOf('=', StringComparison.Ordinal) is var eq and > 0 ? (args[i][..eq], args[i][(eq + 1)..]) : (args[i], null);
            if (Keys.TryGetValue(name, out var key))
            {
                var value = inline ?? (i + 1 < args.Count ? args[++i] : null);
                if (value is not null)
                {
                    values[key] = value;
                }
            }
        }

        return values;
    }
}
