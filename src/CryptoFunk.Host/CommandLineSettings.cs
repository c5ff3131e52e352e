namespace CryptoFunk.Host;

/// <summary>
/// Command-line options that are configuration (<c>--db</c> is <c>Database:ConnectionString</c>, <c>--llm-mode</c>
/// is <c>Llm:Mode</c>, <c>--cluster</c> is <c>Cluster:ConnectionString</c>; <c>silo --port</c> and
/// <c>--gateway-port</c> are <c>Cluster:SiloPort</c> and <c>Cluster:GatewayPort</c>), read before the host is built so
/// every service sees them, and winning over files and environment variables.
/// </summary>
internal static class CommandLineSettings
{
    /// <summary>The database option.</summary>
    public const string Database = "--db";

    /// <summary>The LLM mode option.</summary>
    public const string LlmMode = "--llm-mode";

    /// <summary>The cluster connection option (<c>silo</c>, <c>sweep</c>, <c>cluster status</c>).</summary>
    public const string Cluster = "--cluster";

    /// <summary>The silo-to-silo port option of <c>silo</c>.</summary>
    public const string SiloPort = "--port";

    /// <summary>The client gateway port option of <c>silo</c>.</summary>
    public const string GatewayPort = "--gateway-port";

    private static readonly Dictionary<string, string> Keys = new(StringComparer.Ordinal)
    {
        [Database] = "Database:ConnectionString",
        [LlmMode] = "Llm:Mode",
        [Cluster] = "Cluster:ConnectionString",
    };

    /// <summary>Options that are configuration only for one command (<c>--port</c> means nothing elsewhere).</summary>
    private static readonly Dictionary<string, Dictionary<string, string>> CommandKeys = new(StringComparer.Ordinal)
    {
        ["silo"] = new(StringComparer.Ordinal)
        {
            [SiloPort] = "Cluster:SiloPort",
            [GatewayPort] = "Cluster:GatewayPort",
        },
    };

    /// <summary>The configuration values given in <paramref name="args"/> (<c>--db X</c> or <c>--db=X</c>).</summary>
    public static Dictionary<string, string?> From(IReadOnlyList<string> args)
    {
        var commandKeys = args.Count > 0 ? CommandKeys.GetValueOrDefault(args[0]) : null;
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inline) = args[i].IndexOf('=', StringComparison.Ordinal) is var eq and > 0 ? (args[i][..eq], args[i][(eq + 1)..]) : (args[i], null);
            if (Keys.TryGetValue(name, out var key) || commandKeys?.TryGetValue(name, out key) == true)
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
