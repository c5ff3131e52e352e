using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using CryptoFunk.Agents.ModelPipeline;
using CryptoFunk.Cluster.Sweeps;
using CryptoFunk.Engine;
using CryptoFunk.Host.Configuration;
using CryptoFunk.Host.Output;
using CryptoFunk.Markets;
using CryptoFunk.Markets.Files;
using CryptoFunk.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CryptoFunk.Host.Commands;

/// <summary>
/// <c>cryptofunk sweep</c>: every combination of the <c>--vary</c> values, on every market, as an independent
/// backtest with that combination's configuration, run on the stateless sweep workers of the silo in this process, or
/// of the cluster named by <c>--cluster</c> (<see cref="SweepDispatcher"/>); each is stored as its own run, and the
/// results are one table, best first, and with <c>--json</c> one file holding each backtest's <c>backtest --json</c>
/// summary. Candles come as <c>backtest</c> takes them. Each backtest runs with the configuration of the silo that
/// runs it, with the combination's values, this command's database and model mode on top.
/// </summary>
internal sealed class SweepCommand(IServiceProvider services, EffectiveConfiguration effective, TimeProvider time) : CliCommand
{
    private const string VaryOrigin = "--vary";

    /// <inheritdoc />
    public override string Path => "sweep";

    /// <inheritdoc />
    protected override string Example =>
        "cryptofunk sweep --data data/BTC_USDT-1h-2021.csv --symbols BTC/USDT --from 2021-03-01 --to 2021-04-01 --vary Trading:ConsensusThreshold=0.5,0.67 --vary Risk:KellyFraction=0.25,0.5 --json sweep.json";

    /// <inheritdoc />
    protected override string Description => "Backtest every combination of configuration values (--vary), spread over the cluster's silos, and rank the results.";

    /// <inheritdoc />
    protected override void Configure(Command command)
    {
        var data = new Option<string?>("--data") { Description = "Candle files, comma-separated, one per symbol in --symbols order. Without it the candles are downloaded and cached." };
        var symbols = new Option<string>("--symbols") { Description = "Markets as BASE/QUOTE, comma-separated, such as BTC/USDT,ETH/USDT; each combination is backtested on each.", Required = true };
        var from = new Option<string?>("--from") { Description = "First bar (UTC); default as for backtest: the data's start after the warm-up, or 90 days ago when downloading." };
        var to = new Option<string?>("--to") { Description = "End, exclusive; default: the end of the data, or now when downloading." };
        var interval = new Option<string>("--interval") { Description = "Bar length: 1m 3m 5m 15m 30m 1h 2h 4h 6h 8h 12h 1d 3d 1w.", DefaultValueFactory = _ => Timeframe.OneHour.Code };
        var capital = new Option<decimal>("--capital") { Description = "Starting cash of each backtest in the quote asset.", DefaultValueFactory = _ => 10_000m };
        var vary = new Option<string[]>(VaryArgument.Option)
        {
            Description = "A configuration key and the values to try, as KEY=VALUE1,VALUE2 (any key config show lists); repeat for more keys.",
            Required = true,
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var sort = new Option<string>("--sort") { Description = "Order of the results, best first: sharpe (default), return, drawdown, trades or cost.", DefaultValueFactory = _ => SweepRanking.Sharpe };
        sort.AcceptOnlyFromAmong(SweepRanking.Names);
        var mode = new Option<string?>(CommandLineSettings.LlmMode) { Description = "live (call providers), record (call and store answers) or replay (answer only from recordings)." };
        mode.AcceptOnlyFromAmong("live", "record", "replay");
        var db = new Option<string?>(CommandLineSettings.Database) { Description = "Database every backtest is stored in (SQLite file or PostgreSQL; with a cluster, one every silo reaches); default from configuration." };
        var json = OutputFileOption.Create("--json", "Also write every backtest's settings and summary as JSON to this file.");
        foreach (var option in new Option[] { data, symbols, from, to, interval, capital, vary, sort, mode, db, json, ClusterOption.Create() })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (result, cancellationToken) =>
        {
            var error = result.InvocationConfiguration.Error;
            if (await ParseAsync(result.GetValue(symbols)!, result.GetValue(interval)!, result.GetValue(capital), result.GetValue(data), result.GetValue(vary)!, error) is not { } plan)
            {
                return ExitCodes.BadInput;
            }

            var window = new WindowArguments(result.GetValue(from), result.GetValue(to));
            return await RunAsync(plan, window, result.GetValue(sort)!, result.GetValue(json), result.InvocationConfiguration.Output, error, cancellationToken);
        });
    }

    /// <summary>The sweep the options ask for, or null after one error line.</summary>
    private async Task<SweepPlan?> ParseAsync(string symbolsText, string intervalText, decimal capital, string? dataText, string[] varyTexts, TextWriter error)
    {
        async Task<SweepPlan?> BadAsync(string message)
        {
            await error.WriteLineAsync($"error: {message}");
            return null;
        }

        var symbols = new List<MarketSymbol>();
        foreach (var text in symbolsText.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!MarketSymbol.TryParse(text, out var symbol, out var problem))
            {
                return await BadAsync($"--symbols: {problem}");
            }

            if (symbols.Contains(symbol))
            {
                return await BadAsync($"--symbols: {symbol} is listed twice");
            }

            symbols.Add(symbol);
        }

        if (!Timeframe.TryParse(intervalText, out var timeframe, out var intervalProblem))
        {
            return await BadAsync($"--interval: {intervalProblem}");
        }

        if (capital <= 0m)
        {
            return await BadAsync($"--capital must be positive, was {capital.ToString(CultureInfo.InvariantCulture)}");
        }

        var files = dataText?.Split(',', StringSplitOptions.TrimEntries);
        if (files is not null && files.Length != symbols.Count)
        {
            return await BadAsync($"--data: give one candle file per symbol, in --symbols order ({files.Length} file(s) for {symbols.Count} symbol(s))");
        }

        var varies = new List<VaryArgument>();
        foreach (var text in varyTexts)
        {
            if (!VaryArgument.TryParse(text, out var parsed, out var problem))
            {
                return await BadAsync($"{VaryArgument.Option} {text}: {problem}; write {VaryArgument.Syntax}");
            }

            if (varies.Any(v => v.Key.Equals(parsed.Key, StringComparison.OrdinalIgnoreCase)))
            {
                return await BadAsync($"{VaryArgument.Option} {parsed.Key} is given twice; list all its values in one {VaryArgument.Option}");
            }

            if (!effective.Reads(parsed.Key))
            {
                return await BadAsync($"{VaryArgument.Option} {parsed.Key}: no setting reads this key (cryptofunk config show lists them)");
            }

            varies.Add(parsed);
        }

        return new SweepPlan(symbols, timeframe, capital, files, varies);
    }

    private async Task<int> RunAsync(SweepPlan plan, WindowArguments window, string sort, string? jsonPath, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var connection = services.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString;
        SweepSetting[] sweepSettings =
        [
            new($"{DatabaseOptions.Section}:{nameof(DatabaseOptions.ConnectionString)}", connection),
            new($"{ModelPipelineOptions.Section}:{nameof(ModelPipelineOptions.Mode)}", services.GetRequiredService<IOptions<ModelPipelineOptions>>().Value.Mode.ToString()),
        ];
        var combinations = SweepGrid.Combinations([.. plan.Vary.Select(v => (v.Key, v.Values))]);
        for (var i = 0; i < combinations.Count; i++)
        {
            if (await ProblemAsync([.. sweepSettings, .. combinations[i]]) is { } problem)
            {
                await error.WriteLineAsync($"error: {VaryArgument.Option} combination #{i + 1} ({Describe(combinations[i])}): {problem}");
                return ExitCodes.BadInput;
            }
        }

        var windows = new List<BacktestWindow>();
        for (var i = 0; i < plan.Symbols.Count; i++)
        {
            var (loaded, exitCode) = await services.GetRequiredService<BacktestCandles>().LoadAsync(plan.Symbols[i], plan.Timeframe, plan.Files?[i], window, error, cancellationToken);
            if (loaded is null)
            {
                return exitCode;
            }

            windows.Add(loaded);
        }

        if (await services.GetRequiredService<ReplayRecordings>().ProblemAsync(cancellationToken) is { } replayProblem)
        {
            await error.WriteLineAsync($"error: {replayProblem}");
            return ExitCodes.BadInput;
        }

        // Migrated once here, so the backtests, started at once on several silos, never race to create the schema.
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        var id = TradingRunSetup.NewRunId("sw", time)[..24];
        var orders = combinations
            .SelectMany((combination, c) => plan.Symbols.Select((symbol, s) => Order(id, c + 1, symbol, plan, windows[s], combination, sweepSettings)))
            .ToList();
        var clock = Stopwatch.StartNew();
        var outcomes = await new SweepDispatcher(services.GetRequiredService<IGrainFactory>()).RunAsync(orders, new SweepProgressLog(error), cancellationToken);
        var summary = new SweepSummary(
            id,
            [.. plan.Symbols.Select(s => s.ToString())],
            [.. plan.Vary.Select(v => v with { Values = [.. v.Values.Select(value => EffectiveConfiguration.Redact(v.Key, value))] })],
            sort,
            combinations.Count,
            outcomes,
            SweepRanking.Sort(outcomes, sort),
            [.. outcomes.Select(o => o.Result?.Silo).OfType<string>().Distinct().Order(StringComparer.Ordinal)],
            clock.Elapsed,
            DatabaseProviders.Redact(connection));
        await output.WriteAsync(SweepText.Format(summary));
        if (jsonPath is not null)
        {
            var full = System.IO.Path.GetFullPath(jsonPath);
            var bytes = Encoding.UTF8.GetBytes(SweepJson.Write(summary) + "\n");
            await AtomicFile.WriteAsync(full, (stream, ct) => stream.WriteAsync(bytes, ct).AsTask(), cancellationToken);
            await output.WriteLineAsync($"wrote summary to {full}");
        }

        return summary.Failed == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    /// <summary>
    /// Why the configuration of a combination cannot run, or null: every setting is bound and validated from it, in a
    /// container of its own as a sweep worker will (<see cref="SweepServices"/>), before anything runs.
    /// </summary>
    private async Task<string?> ProblemAsync(IReadOnlyList<SweepSetting> settings)
    {
        var configuration = SweepServices.Configuration(services.GetRequiredService<IConfiguration>(), settings);
        var origins = new ConfigurationOrigins(configuration);
        origins.Label(VaryOrigin);
        await using var combination = SweepServices.Create(configuration, services.GetRequiredService<ILoggerFactory>());
        try
        {
            new EffectiveConfiguration(combination, configuration, origins).Settings();
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new CommandFailures(origins, services.GetRequiredService<ILogger<CommandFailures>>()).Describe(e).Message;
        }
    }

    private static SweepBacktestOrder Order(string id, int combination, MarketSymbol symbol, SweepPlan plan, BacktestWindow window, IReadOnlyList<SweepSetting> settings, IEnumerable<SweepSetting> sweepSettings) => new(
        $"{id}-c{combination}-{symbol.Base}-{symbol.Quote}".ToLowerInvariant(),
        combination,
        symbol.ToString(),
        plan.Timeframe.Code,
        [.. window.Series.Candles.Where(c => c.OpenTime + plan.Timeframe.Duration <= window.To).Select(SweepCandle.From)],
        window.From,
        window.To,
        plan.Capital,
        window.Series.Source,
        [.. settings.Select(s => s with { Value = EffectiveConfiguration.Redact(s.Key, s.Value) })],
        [.. sweepSettings, .. settings]);

    private static string Describe(IEnumerable<SweepSetting> settings) =>
        string.Join(", ", settings.Select(s => $"{s.Key}={EffectiveConfiguration.Redact(s.Key, s.Value)}"));

    /// <summary>What the options ask for.</summary>
    private sealed record SweepPlan(IReadOnlyList<MarketSymbol> Symbols, Timeframe Timeframe, decimal Capital, IReadOnlyList<string>? Files, IReadOnlyList<VaryArgument> Vary);
}
