using System.Collections.Concurrent;
using CryptoFunk.Tests.Backtesting;
using CryptoFunk.Tests.Support;
using PuppeteerSharp;

namespace CryptoFunk.Tests.Reports;

/// <summary>
/// Opens the report of a model-driven backtest in headless Chromium (the system's, see <see cref="TestChromium"/>):
/// every chart must have drawn and the page must ask for nothing over the network; the screenshot is kept with the test.
/// </summary>
public sealed class ReportInBrowserTests
{
    private static readonly string Data2021 = Path.Combine(SharedFiles.RepositoryRoot, "data", "BTC_USDT-1h-2021.csv");

    /// <summary>What the page says about one chart.</summary>
    public sealed record ChartState(string Name, double Width, double Height, int Shapes);

    [Test]
    public async Task Every_chart_draws_and_the_page_makes_no_network_request()
    {
        var chromium = TestChromium.Path();
        using var dir = new TempDirectory();
        var report = dir.File("report.html");
        await using (var model = await TradingDeskModel.StartAsync())
        {
            var backtest = await InProcessProgram.RunAsync(
                model.Settings, "backtest", "--data", Data2021, "--symbol", "BTC/USDT", "--from", "2021-01-04", "--to", "2021-01-07", "--db", $"Data Source={dir.File("cf.db")}", "--report", report);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Assert.That(backtest.ExitCode, Is.EqualTo(0), backtest.Error);
        }

        var pageUrl = new Uri(report).AbsoluteUri;
        var requests = new ConcurrentQueue<string>();
        var blocked = new ConcurrentQueue<string>();
        await using var browser = await Puppeteer.LaunchAsync(new LaunchOptions { ExecutablePath = chromium, Headless = true, Args = ["--no-sandbox", "--headless"] });
        await using var page = await browser.NewPageAsync();
        page.Request += (_, e) => requests.Enqueue(e.Request.Url);
        page.Console += (_, e) => blocked.Enqueue(e.Message.Text);
        await page.SetViewportAsync(new ViewPortOptions { Width = 1100, Height = 900 });
        await page.GoToAsync(pageUrl, WaitUntilNavigation.Networkidle0);
        var charts = await page.EvaluateFunctionAsync<ChartState[]>(
            """
            () => [...document.querySelectorAll('figure.chart')].map(figure => {
                const drawing = figure.querySelector('svg, canvas');
                const box = drawing ? drawing.getBoundingClientRect() : { width: 0, height: 0 };
                return { name: figure.dataset.chart, width: box.width, height: box.height,
                         shapes: drawing ? drawing.querySelectorAll('path, polyline, polygon, line, rect, circle, text').length : 0 };
            })
            """);
        var screenshot = Path.Combine(TestContext.CurrentContext.WorkDirectory, "report-in-chromium.png");
        await page.ScreenshotAsync(screenshot, new ScreenshotOptions { FullPage = true });
        TestContext.AddTestAttachment(screenshot, "the report as headless Chromium drew it");

        Assert.Multiple(() =>
        {
            Assert.That(charts.Select(c => c.Name), Is.EquivalentTo(new[] { "price", "equity", "drawdown", "calibration" }));
            foreach (var chart in charts)
            {
                Assert.That(chart.Width * chart.Height, Is.GreaterThan(0), $"{chart.Name} has no size");
                Assert.That(chart.Shapes, Is.GreaterThan(10), $"{chart.Name} drew nothing");
            }

            Assert.That(requests.Where(url => url != pageUrl), Is.Empty, "requests besides the page itself");
            Assert.That(blocked.Where(message => message.Contains("Content Security Policy", StringComparison.Ordinal)), Is.Empty, "requests the page's policy refused");
            Assert.That(new FileInfo(screenshot).Length, Is.GreaterThan(10_000));
        });
    }
}
