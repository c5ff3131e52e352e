using System.CommandLine;
using CryptoFunk.Host.Output;
using CryptoFunk.Indicators;
using CryptoFunk.Markets;
using CryptoFunk.Markets.Csv;

namespace CryptoFunk.Host.Commands;

/// <summary><c>cryptofunk indicators --data FILE --output FILE</c>: every indicator for every candle of a file.</summary>
internal sealed class IndicatorsCommand : CliCommand
{
    private readonly Option<string> _data = new("--data") { Description = "Candle file: normalized CSV or a Binance kline dump.", Required = true };
    private readonly Option<string?> _output = OutputFileOption.Create("--output", "Where to write the table: CSV, or JSON when the name ends in .json.", required: true);

    public override string Path => "indicators";

    protected override string Example => "cryptofunk indicators --data data/BTC_USDT-1h-2021.csv --output indicators.csv";

    protected override string Description => "Compute EMA, SMA, RSI, MACD, Bollinger, ATR, ADX, Stochastic and OBV over a candle file.";

    protected override void Configure(Command command)
    {
        command.Add(_data);
        command.Add(_output);
        command.SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        var dataPath = parse.GetValue(_data)!;
        var outputPath = parse.GetValue(_output)!;

        CandleSeries series;
        try
        {
            series = await CandleFileReader.ReadAsync(dataPath, cancellationToken);
        }
        catch (CandleDataException e)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.BadInput;
        }

        var columns = CandleQuotes.ToColumns(series.Candles);
        var table = IndicatorTable.Compute(columns);
        await IndicatorTableWriter.WriteAsync(outputPath, columns.OpenTime, table, cancellationToken);

        await output.WriteLineAsync($"{series.Candles.Count} candles ({series.Timeframe?.Code ?? "unknown timeframe"}) -> {outputPath}");
        if (series.GapNote() is { } gaps)
        {
            await output.WriteLineAsync(gaps);
        }

        return ExitCodes.Success;
    }
}
