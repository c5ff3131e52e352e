using System.Globalization;
using System.Text.Json;
using CryptoFunk.Host;
using CryptoFunk.Indicators;
using CryptoFunk.Markets;
using CryptoFunk.Markets.Csv;
using CryptoFunk.Tests.Support;

namespace CryptoFunk.Tests.Host;

public sealed class IndicatorsCommandTests
{
    private const string Header = "timestamp,ema20,ema50,ema200,sma20,rsi14,macd,macd_signal,macd_hist,bb_upper,bb_middle,bb_lower,bb_percent_b,bb_width,atr14,adx14,plus_di14,minus_di14,stoch_k,stoch_d,obv";
    private static readonly string Month = SharedFiles.Path("data/candles/binance-spot-2024-08/BTC_USDT-1h-2024-08.csv");

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CryptoFunkApp.RunAsync(args, output, error, configure: null, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    [Test]
    public async Task Writes_csv_with_the_contract_header_empty_warm_up_cells_and_full_precision()
    {
        using var dir = new TempDirectory();
        var (code, output, _) = await RunAsync("indicators", "--data", Month, "--output", dir.File("out.csv"));

        Assert.That(code, Is.Zero);
        Assert.That(output, Does.Contain("744 candles (1h)"));
        var lines = await File.ReadAllLinesAsync(dir.File("out.csv"));
        Assert.That(lines[0], Is.EqualTo(Header));
        Assert.That(lines, Has.Length.EqualTo(745));
        Assert.That(lines[1], Is.EqualTo("2024-08-01T00:00:00Z,,,,,,,,,,,,,,,,,,,,0"));

        var series = await CandleFileReader.ReadAsync(Month, CancellationToken.None);
        var table = IndicatorTable.Compute(CandleQuotes.ToColumns(series.Candles));
        var last = lines[^1].Split(',');
        for (var c = 0; c < table.Columns.Count; c++)
        {
            var expected = table.Columns[c].Values[^1];
            Assert.That(double.Parse(last[c + 1], CultureInfo.InvariantCulture), Is.EqualTo(expected), $"{table.Columns[c].Name} must round-trip exactly");
        }

        var ema200 = lines.Select(l => l.Split(',')[3]).ToList();
        Assert.That(ema200[199], Is.Empty, "EMA200 is undefined before its 200th candle (line 0 is the header)");
        Assert.That(ema200[200], Is.Not.Empty);
    }

    [Test]
    public async Task Writes_json_rows_with_nulls_when_the_output_ends_in_json()
    {
        using var dir = new TempDirectory();
        var (code, _, _) = await RunAsync("indicators", "--data", Month, "--output", dir.File("out.json"));

        Assert.That(code, Is.Zero);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(dir.File("out.json")));
        var rows = json.RootElement.EnumerateArray().ToList();
        Assert.That(rows, Has.Count.EqualTo(744));
        Assert.That(rows[0].EnumerateObject().Select(p => p.Name), Is.EqualTo(Header.Split(',')));
        Assert.That(rows[0].GetProperty("rsi14").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(rows[^1].GetProperty("rsi14").GetDouble(), Is.InRange(0, 100));
    }

    [Test]
    public async Task Bad_candle_file_is_refused_with_file_and_line_and_nothing_is_written()
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.File("bad.csv"), "timestamp,open,high,low,close,volume\n2024-01-01T00:00:00Z,100,110,90,105,1\n2024-01-01T01:00:00Z,100,90,95,92,1\n");

        var (code, _, error) = await RunAsync("indicators", "--data", dir.File("bad.csv"), "--output", dir.File("out.csv"));

        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("bad.csv:3: high 90 is below low 95"));
        Assert.That(File.Exists(dir.File("out.csv")), Is.False);
    }
}
