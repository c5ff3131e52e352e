using CryptoFunk.Cluster.Hosting;
using CryptoFunk.Cluster.Status;
using CryptoFunk.Engine;
using CryptoFunk.Host.Commands;
using CryptoFunk.Host.Configuration;
using CryptoFunk.Host.Reports;
using CryptoFunk.Markets.Exchanges.Binance;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoFunk.Host;

/// <summary>Registers the host's commands and the services they use.</summary>
internal static class ServiceCollectionExtensions
{
    public static IServiceCollection AddCryptoFunkCommands(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddTradingEngine(configuration);
        services.AddCryptoFunkClusterOptions(configuration);
        services.AddSingleton<CommandLineApp>();
        services.AddSingleton<CommandFailures>();
        services.AddSingleton<ReplayRecordings>();
        services.AddBinanceExchange(configuration);
        services.AddSingleton<CliCommand, DataDownloadCommand>();
        services.AddSingleton<CliCommand, TracesCommand>();
        services.AddSingleton<CliCommand, TelemetryCommand>();
        services.AddSingleton<CliCommand, AgentRunCommand>();
        services.AddSingleton<CliCommand, PromptsListCommand>();
        services.AddSingleton<CliCommand, PromptsShowCommand>();
        services.AddSingleton<CliCommand, PromptsValidateCommand>();
        services.AddSingleton<CliCommand, IndicatorsCommand>();
        services.AddSingleton<CliCommand, BacktestCommand>();
        services.AddSingleton<CliCommand, PaperCommand>();
        services.AddSingleton<CliCommand, RunsCommand>();
        services.AddSingleton<CliCommand, DecisionsCommand>();
        services.AddSingleton<CliCommand, TradesCommand>();
        services.AddSingleton<CliCommand, ExplainCommand>();
        services.AddSingleton<CliCommand, ConfigShowCommand>();
        services.AddSingleton<EffectiveConfiguration>();
        services.AddSingleton<CliCommand, ReportCommand>();
        services.AddSingleton<RunReportWriter>();
        services.AddSingleton<CliCommand, ExportDatasetCommand>();
        services.AddSingleton<CliCommand, McpServeCommand>();
        services.AddSingleton<CliCommand, SiloCommand>();
        services.AddSingleton<CliCommand, ClusterStatusCommand>();
        services.AddSingleton<ClusterStatusReader>();
        services.AddSingleton<CliCommand, SweepCommand>();
        services.AddSingleton<BacktestCandles>();
        services.AddOptions<BacktestOptions>().Bind(configuration.GetSection(BacktestOptions.Section));
        return services;
    }
}
