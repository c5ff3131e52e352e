using CryptoFunk.Host.Commands;
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
        builder.Configuration
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables(EnvironmentPrefix);
        configure?.Invoke(builder.Configuration);
        builder.Configuration.AddInMemoryCollection(CommandLineSettings.From(args));

        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        builder.Services.AddCryptoFunkCommands(builder.Configuration);
        builder.Services.AddSingleton<IHostLifetime, CommandLineLifetime>();

        using var host = builder.Build();
        await host.StartAsync(cancellationToken);
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
}
