using System.Text.Json.Nodes;
using CryptoFunk.Tests.Support;

namespace CryptoFunk.Tests.Cluster;

/// <summary>
/// The sweep the cluster tests run (2 x 2 x 2 combinations over three days of hourly BTC/USDT on the rules engine,
/// chosen so the settings change the results) and how its <c>--json</c> is compared with lone backtests.
/// </summary>
internal static class SweepRuns
{
    public static readonly string Data = Path.Combine(SharedFiles.RepositoryRoot, "data", "BTC_USDT-1h-2021.csv");

    public static readonly string[] Window = ["--from", "2021-01-04", "--to", "2021-01-07"];

    public static readonly string[] Vary =
    [
        "--vary", "Risk:MaxRiskPerTradeFraction=0.01,0.02",
        "--vary", "Risk:MaxStopDistanceFraction=0.03,0.05",
        "--vary", "PaperBroker:TakerFeeRate=0.001,0.002",
    ];

    /// <summary>The sweep's arguments on <paramref name="database"/>, writing <paramref name="json"/>, over <see cref="Window"/> or <paramref name="window"/>.</summary>
    public static string[] Sweep(string database, string json, string[]? window = null) =>
        ["sweep", "--data", Data, "--symbols", "BTC/USDT", .. window ?? Window, .. Vary, "--db", database, "--json", json];

    /// <summary>The results of a sweep's <c>--json</c>, by combination number.</summary>
    public static async Task<SortedDictionary<int, JsonObject>> ResultsAsync(string json)
    {
        var sweep = JsonNode.Parse(await File.ReadAllTextAsync(json))!.AsObject();
        return new SortedDictionary<int, JsonObject>(sweep["results"]!.AsArray().Select(r => r!.AsObject()).ToDictionary(r => (int)r["combination"]!));
    }

    /// <summary>A result without what differs from run to run (its run's ids and times) or belongs to the sweep (combination, settings, attempts, silo).</summary>
    public static JsonObject Comparable(JsonObject result)
    {
        var copy = result.DeepClone().AsObject();
        foreach (var key in new[] { "run", "combination", "settings", "attempts", "silo" })
        {
            copy.Remove(key);
        }

        return copy;
    }
}
