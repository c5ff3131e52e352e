using CryptoFunk.Storage;
using CryptoFunk.Trading;
using ScottPlot;

namespace CryptoFunk.Host.Reports;

/// <summary>
/// The report's charts, drawn by ScottPlot as SVG text to inline in the page: static vector graphics, no script and
/// nothing fetched, and long series are reduced to what each pixel column shows (<c>SignalXY</c>), so a year of
/// hourly bars stays a few tens of kilobytes per chart.
/// </summary>
internal static class RunReportCharts
{
    private const int Width = 1000;
    private const int Height = 320;
    private const float MarkerSize = 9;

    /// <summary>The closes the agents saw, with each position's entry and exit marked.</summary>
    public static string Price(string symbol, IReadOnlyList<ReportDecisionRow> decisions, IReadOnlyList<PositionRecord> positions)
    {
        var plot = NewPlot($"{symbol} close, entries and exits", "price");
        var closes = decisions.Where(d => d.Symbol == symbol && d.Close is not null).ToList();
        Line(plot, "close", closes.Select(d => (d.Time, d.Close!.Value)), Colors.SteelBlue);
        var held = positions.Where(p => p.Symbol == symbol).ToList();
        Marks(plot, "long entry", held.Where(p => p.Side == PositionSide.Long).Select(p => (p.OpenedAt, p.EntryPrice)), MarkerShape.FilledTriangleUp, Colors.Green);
        Marks(plot, "short entry", held.Where(p => p.Side == PositionSide.Short).Select(p => (p.OpenedAt, p.EntryPrice)), MarkerShape.FilledTriangleDown, Colors.DarkOrange);
        Marks(plot, "exit", held.Where(p => p is { ClosedAt: not null, ExitPrice: not null }).Select(p => (p.ClosedAt!.Value, p.ExitPrice!.Value)), MarkerShape.FilledSquare, Colors.Crimson);
        return Svg(plot);
    }

    /// <summary>The run's equity against the baselines it stored.</summary>
    public static string Equity(RunReport report)
    {
        var plot = NewPlot("equity", "equity");
        Line(plot, "agents", report.Rows.Equity.Select(e => (e.Time, e.Equity)), Colors.SteelBlue);
        Line(plot, report.BuyAndHold.Name, report.BuyAndHold.Points, Colors.Gray);
        Line(plot, report.RulesOnly.Name, report.RulesOnly.Points, Colors.DarkOrange);
        return Svg(plot);
    }

    /// <summary>How far the run's equity stood below its peak, in percent.</summary>
    public static string Drawdown(IReadOnlyList<EquitySnapshotRecord> equity)
    {
        var plot = NewPlot("drawdown", "% below peak");
        Line(plot, "drawdown", equity.Select(e => (e.Time, -100m * e.Drawdown)), Colors.Crimson);
        return Svg(plot);
    }

    /// <summary>Each agent's hit rate per confidence range against the diagonal a calibrated agent would follow.</summary>
    public static string Calibration(IReadOnlyList<AgentScore> agents)
    {
        var plot = new Plot();
        plot.Title("calibration: hit rate by confidence");
        plot.XLabel("confidence");
        plot.YLabel("hit rate");
        var diagonal = plot.Add.Line(0, 0, 1, 1);
        diagonal.LinePattern = LinePattern.Dashed;
        diagonal.Color = Colors.Gray;
        diagonal.LegendText = "calibrated";
        foreach (var agent in agents.Where(a => a.Calibration.Count > 0))
        {
            var scatter = plot.Add.Scatter(agent.Calibration.Select(b => b.MeanConfidence).ToArray(), agent.Calibration.Select(b => b.HitRate).ToArray());
            scatter.LegendText = agent.Agent;
        }

        plot.Axes.SetLimits(0, 1, 0, 1);
        plot.ShowLegend(Alignment.UpperLeft);
        return Svg(plot);
    }

    private static Plot NewPlot(string title, string yLabel)
    {
        var plot = new Plot();
        plot.Title(title);
        plot.YLabel(yLabel);
        var time = plot.Axes.DateTimeTicksBottom();
        time.TickGenerator = new ScottPlot.TickGenerators.DateTimeAutomatic { LabelFormatter = UtcLabel };
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    /// <summary>Dates as ISO (UTC, as every time in CryptoFunk), with the hour only when it is not midnight.</summary>
    private static string UtcLabel(DateTime time) =>
        time.ToString(time.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    private static void Line(Plot plot, string name, IEnumerable<(DateTimeOffset Time, decimal Value)> points, Color color)
    {
        var (xs, ys) = Columns(points);
        if (xs.Length == 0)
        {
            return;
        }

        var line = plot.Add.SignalXY(xs, ys, color);
        line.LegendText = name;
        line.LineWidth = 1.5f;
    }

    private static void Marks(Plot plot, string name, IEnumerable<(DateTimeOffset Time, decimal Value)> points, MarkerShape shape, Color color)
    {
        var (xs, ys) = Columns(points);
        if (xs.Length == 0)
        {
            return;
        }

        var markers = plot.Add.Markers(xs, ys, shape, MarkerSize, color);
        markers.LegendText = name;
    }

    private static (double[] Xs, double[] Ys) Columns(IEnumerable<(DateTimeOffset Time, decimal Value)> points)
    {
        var list = points.ToList();
        return ([.. list.Select(p => p.Time.UtcDateTime.ToOADate())], [.. list.Select(p => (double)p.Value)]);
    }

    /// <summary>The plot as an inline <c>svg</c> element (ScottPlot writes a standalone file; the XML declaration is dropped).</summary>
    private static string Svg(Plot plot)
    {
        var xml = plot.GetSvgXml(Width, Height);
        return xml[xml.IndexOf("<svg", StringComparison.Ordinal)..];
    }
}
