using System.Globalization;
using System.Text;
using CryptoFunk.Cluster.Status;
using CryptoFunk.Host.Commands;

namespace CryptoFunk.Host.Output;

/// <summary><c>cluster status</c> as text: a line on the cluster, a table of silos, a table of grains, the decision rate.</summary>
internal static class ClusterStatusText
{
    private static readonly string[] SiloHeaders = ["silo", "address", "status", "since"];
    private static readonly string[] GrainHeaders = ["silo", "grain type", "activations"];

    public static string Format(ClusterStatusReport report)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        text.WriteLine($"cluster {report.ClusterId} ({report.Provider} {report.Connection}): {report.Silos.Count} silo(s){(report.DeadSilos > 0 ? $", {report.DeadSilos} dead not shown" : string.Empty)}");
        text.WriteLine();
        TextTable.Write(text, SiloHeaders, [.. report.Silos.Select(s => new[] { s.Name, s.Address, s.Status, JournalText.Time(s.Since) })]);
        text.WriteLine();
        if (report.Grains.Count == 0)
        {
            text.WriteLine("no grains active");
        }
        else
        {
            TextTable.Write(text, GrainHeaders, [.. report.Grains.Select(g => new[] { g.Silo, g.GrainType, g.Activations.ToString(CultureInfo.InvariantCulture) })]);
        }

        text.WriteLine();
        text.WriteLine(Rate(report.Decisions));
        return text.ToString();
    }

    private static string Rate(DecisionRate rate) => rate.PerMinute is { } perMinute
        ? string.Create(CultureInfo.InvariantCulture, $"decisions per minute: {perMinute:0.0} (decisions stored in the last {rate.Window.TotalMinutes:0} minutes in {rate.Database})")
        : $"decisions per minute: unknown ({rate.Problem})";
}
