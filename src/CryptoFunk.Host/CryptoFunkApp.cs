using CryptoFunk.Host.Commands;
using CryptoFunk.Host.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CryptoFunk.Host;

/// <summary>
/// Builds the generic host (configuration, logging, DI) and runs one command line through it. Tests call
/// <see cref="RunAsync"/> in-process, adding configuration such as a fake exchange's address.
/// </summary>
public static class CryptoFunkApp
{
    /// <summary>Environment variables with this prefix override configuration (<c>CRYPTOFUNK_Exchange__Binance__BaseUrl</c>).</summary>
    public const string EnvironmentPrefix = "CRYPTOFUNK_";

    /// <summary>Runs <paramref name="args"/>; returns the exit code.</summary>
    public static async Task<int> RunAsync(
        string[] args,
        TextWriter output,
        TextWriter error,
        Action<IConfigurationBuilder>? configure,
        CancellationToken cancellationToken)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
        });
        var origins = new ConfigurationOrigins(builder.Configuration);
        builder.Configuration.AddInMemoryCollection(ConfigurationDefaults.Settings);
        origins.Label(ConfigurationOrigins.Default);
        foreach (var file in SettingsFiles())
        {
            try
            {
                builder.Configuration.AddJsonFile(file, optional: true);
            }
            catch (InvalidDataException e)
            {
                await error.WriteLineAsync($"error: {file}: {JsonProblem(e)}; fix the file or move it away");
                return ExitCodes.BadInput;
            }

            origins.Label($"file {file}");
        }

        builder.Configuration.AddEnvironmentVariables(EnvironmentPrefix);
        origins.Label($"environment ({EnvironmentPrefix}*)");
        configure?.Invoke(builder.Configuration);
        origins.Label("code");
        builder.Configuration.AddInMemoryCollection(CommandLineSettings.From(args));
        origins.Label("command line");
        builder.Services.AddSingleton(origins);

        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        builder.Services.AddCryptoFunkCommands(builder.Configuration);
        builder.Services.AddSingleton<IHostLifetime, CommandLineLifetime>();
        ClusterCommandLine.AddOrleansFor(args, builder);

        using var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Options are validated at start: an invalid value is one line naming its key, like any command's failure.
            return await host.Services.GetRequiredService<CommandFailures>().ReportAsync(e, error);
        }

        try
        {
            var app = host.Services.GetRequiredService<CommandLineApp>();
            return await app.RunAsync(args, output, error, cancellationToken);
        }
        finally
        {
            // Stopping flushes telemetry, so the command's last spans are stored before the process exits.
            await host.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// <c>appsettings.json</c> beside the program, then the one in the working directory (which wins); one file when
    /// both are the same.
    /// </summary>
    private static IEnumerable<string> SettingsFiles() =>
        new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() }
            .Select(directory => Path.GetFullPath(Path.Combine(directory, "appsettings.json")))
            .Distinct(StringComparer.Ordinal);

    /// <summary>The parser's own words and where it stopped (1-based line), without the exception's type names.</summary>
    private static string JsonProblem(InvalidDataException exception)
    {
        if (exception.InnerException?.InnerException is not System.Text.Json.JsonException json)
        {
            return exception.InnerException?.Message ?? exception.Message;
        }

        var cut = json.Message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return $"not valid JSON at line {json.LineNumber + 1}, byte {json.BytePositionInLine + 1}: {(cut > 0 ? json.Message[..cut] : json.Message)}";
    }
}
