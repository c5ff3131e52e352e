using System.CommandLine;
using System.Reflection;
using CryptoFunk.Engine.Paper;
using CryptoFunk.Host.Mcp;
using CryptoFunk.Markets;
using CryptoFunk.Markets.Csv;
using CryptoFunk.Markets.Exchanges;
using CryptoFunk.Storage;
using CryptoFunk.Trading;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace CryptoFunk.Host.Commands;

/// <summary>
/// <c>cryptofunk mcp serve [--data FILE | live]</c>: the agents' market data, indicator and portfolio plugins as MCP
/// tools over stdio, answering as of one time (a file's <c>--at</c> or its end; live: now), so an MCP client sees the
/// market exactly as an agent would. Standard output carries only the protocol; everything else goes to standard error.
/// </summary>
/// <remarks>Services with configuration to check are resolved when the command runs, so a bad setting stops only it, in one line.</remarks>
internal sealed class McpServeCommand(IServiceProvider services, JournalQueries journal, TimeProvider time, ILoggerFactory loggers) : CliCommand
{
    private const string Live = "live";
    private readonly Argument<string?> _source = new("source") { Description = "live: Binance's public API instead of --data.", Arity = ArgumentArity.ZeroOrOne };
    private readonly Option<string?> _data = new("--data") { Description = "Candle file to serve (normalized CSV or a Binance kline dump)." };
    private readonly Option<string> _symbol = new("--symbol") { Description = "Market, e.g. BTC/USDT.", Required = true };
    private readonly Option<string?> _at = new("--at") { Description = "With --data: the time the tools answer as of (UTC); only candles closed by then are seen. Default: the close of the file's last candle." };
    private readonly Option<string> _interval = new("--interval") { Description = "With live: bar length (1m ... 1w).", DefaultValueFactory = _ => Timeframe.OneHour.Code };
    private readonly Option<string?> _account = new("--account") { Description = "Serve this stored paper account (read only) as the portfolio, instead of a fresh account of this session." };
    private readonly Option<decimal> _capital = new("--capital") { Description = "Starting cash of the session's own paper account.", DefaultValueFactory = _ => 10_000m };
    private readonly Option<bool> _allowOrders = new("--allow-orders") { Description = "Also list the order tools, which place paper orders in the session's own account. Off by default." };
    private readonly Option<string?> _database = new(CommandLineSettings.Database) { Description = "Database holding --account (SQLite file or PostgreSQL); never created." };

    public override string Path => "mcp serve";

    protected override string Example => "cryptofunk mcp serve --data data/BTC_USDT-1h-2021.csv --symbol BTC/USDT --at 2021-06-01";

    protected override string Description => "Serve the market data, indicator and portfolio tools over MCP (stdio); order tools only with --allow-orders.";

    protected override void Configure(Command command)
    {
        command.Add(_source);
        foreach (var option in new Option[] { _data, _symbol, _at, _interval, _account, _capital, _allowOrders, _database })
        {
            command.Add(option);
        }

        command.SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var error = parse.InvocationConfiguration.Error;
        async Task<int> Fail(int code, string message)
        {
            await error.WriteLineAsync($"error: {message}");
            return code;
        }

        var live = parse.GetValue(_source) switch
        {
            null => false,
            Live => true,
            _ => (bool?)null,
        };
        var dataPath = parse.GetValue(_data);
        if (live is null || live == (dataPath is not null))
        {
            return await Fail(ExitCodes.BadInput, live is null ? $"unknown source '{parse.GetValue(_source)}': give --data FILE or live" : "give either --data FILE or live");
        }

        if (!MarketSymbol.TryParse(parse.GetValue(_symbol), out var symbol, out var symbolError))
        {
            return await Fail(ExitCodes.BadInput, $"--symbol: {symbolError}");
        }

        var accountName = parse.GetValue(_account);
        if (accountName is not null && parse.GetValue(_allowOrders))
        {
            return await Fail(ExitCodes.BadInput, "--allow-orders places orders in the session's own account; a stored --account is only read, so give one or the other");
        }

        if (accountName is not null && !PaperAccounts.IsValidName(accountName))
        {
            return await Fail(ExitCodes.BadInput, $"--account '{accountName}' is not an account name (1 to 40 letters, digits, '.', '_' or '-')");
        }

        if (parse.GetValue(_capital) <= 0m)
        {
            return await Fail(ExitCodes.BadInput, $"--capital must be positive, not {parse.GetValue(_capital)}");
        }

        McpMarket market;
        if (live.Value)
        {
            if (parse.GetValue(_at) is not null)
            {
                return await Fail(ExitCodes.BadInput, "--at is for --data; live answers as of now");
            }

            if (!Timeframe.TryParse(parse.GetValue(_interval), out var timeframe, out var intervalError))
            {
                return await Fail(ExitCodes.BadInput, $"--interval: {intervalError}");
            }

            market = new LiveMcpMarket(services.GetRequiredService<IExchange>(), symbol, timeframe, time);
        }
        else
        {
            var (file, problem) = await ReadAsync(dataPath!, symbol, parse.GetValue(_at), cancellationToken);
            if (file is null)
            {
                return await Fail(ExitCodes.BadInput, problem!);
            }

            market = file;
        }

        // An invalid broker setting or exchange rule is reported by CommandFailures (one line, exit 2).
        McpAccount account = accountName is null
            ? new SessionMcpAccount(new PaperBroker(services.GetRequiredService<IOptions<PaperBrokerOptions>>().Value with { InitialCash = parse.GetValue(_capital) }, services.GetRequiredService<ExchangeRuleBook>()))
            : new StoredMcpAccount(journal, PaperAccounts.RunId(accountName));

        using var toolbox = new McpToolbox(market, account, parse.GetValue(_allowOrders));
        IReadOnlyList<AIFunction> functions;
        try
        {
            functions = await toolbox.FunctionsAsync(cancellationToken);
        }
        catch (InvalidOperationException e)
        {
            return await Fail(ExitCodes.BadInput, e.Message);
        }
        catch (ExchangeException e)
        {
            return await Fail(ExitCodes.Failure, $"{market.Source} unreachable ({e.Message}); serve a candle file with --data instead");
        }

        McpLog.Serving(loggers.CreateLogger<McpServeCommand>(), functions.Count, symbol.ToString(), market.Source, account.Description);
        await ServeAsync(functions, toolbox, live.Value, cancellationToken);
        return ExitCodes.Success;
    }

    /// <summary>Serves until the client closes standard input (or Ctrl+C).</summary>
    private async Task ServeAsync(IReadOnlyList<AIFunction> functions, McpToolbox toolbox, bool live, CancellationToken cancellationToken)
    {
        var options = new McpServerOptions
        {
            ServerInfo = new Implementation { Name = "cryptofunk", Version = typeof(McpServeCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0" },
            ServerInstructions = "CryptoFunk's trading tools. Every answer is as of the decision time the tool reports: only candles closed by then are visible.",
            ToolCollection = [],
        };
        foreach (var function in functions)
        {
            var orders = function.Name.StartsWith("Orders_", StringComparison.Ordinal);
            options.ToolCollection.Add(McpServerTool.Create(new McpToolFunction(function, toolbox), new McpServerToolCreateOptions
            {
                ReadOnly = !orders,
                Destructive = false,
                Idempotent = !orders,
                OpenWorld = live,
            }));
        }

        await using var transport = new StdioServerTransport(options, loggers);
        await using var server = McpServer.Create(transport, options, loggers);
        try
        {
            await server.RunAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C ends the session like the client closing standard input.
        }
    }

    private static async Task<(FileMcpMarket? Market, string? Problem)> ReadAsync(string path, MarketSymbol symbol, string? atText, CancellationToken cancellationToken)
    {
        CandleSeries series;
        try
        {
            series = await CandleFileReader.ReadAsync(path, cancellationToken);
        }
        catch (CandleDataException e)
        {
            return (null, e.Message);
        }

        if (series.Timeframe is not { } timeframe)
        {
            return (null, $"{series.Source}: cannot tell the candles' timeframe (fewer than two candles or an unusual bar length)");
        }

        var end = series.Candles[^1].OpenTime + timeframe.Duration;
        var at = end;
        if (atText is not null && !UtcTimeArgument.TryParse("--at", atText, out at, out var atError))
        {
            return (null, atError);
        }

        var history = new MarketHistory(symbol, timeframe, series.Candles);
        if (history.LastClosedIndex(at) < 0)
        {
            return (null, $"--at {UtcTimestamp.Format(at)}: no candle of {path} had closed by then; the data starts at {UtcTimestamp.Format(series.Candles[0].OpenTime)}");
        }

        return (new FileMcpMarket(history, at, path), null);
    }
}
