namespace CryptoFunk.Host.Configuration;

/// <summary>
/// Settings the host starts from, before any file: libraries that log a whole exception for a failure our own code
/// already reports in one line (a provider error, a database error) stay quiet unless a file asks for their logs. A
/// tool call whose arguments do not bind is the model's mistake, answered to the model as the tool's result, so the
/// tool loop's stack trace for it is not shown at all. Orleans only logs errors, and a silo's one line when it
/// joined and when it left its cluster is shown.
/// </summary>
internal static class ConfigurationDefaults
{
    /// <summary>The default values, lowest in precedence.</summary>
    public static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
    {
        ["Logging:LogLevel:Microsoft.Extensions.AI"] = "Error",
        ["Logging:LogLevel:Microsoft.Extensions.AI.FunctionInvokingChatClient"] = "None",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Critical",
        ["Logging:LogLevel:Microsoft.Extensions.Hosting"] = "None",
        ["Logging:LogLevel:CryptoFunk.Cluster"] = "Information",
        ["Logging:LogLevel:Orleans"] = "Error",
    };
}
