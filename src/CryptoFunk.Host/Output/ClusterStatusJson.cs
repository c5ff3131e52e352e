using System.Buffers;
using System.Text;
using System.Text.Json;
using CryptoFunk.Cluster.Status;
using CryptoFunk.Markets;

namespace CryptoFunk.Host.Output;

/// <summary><c>cluster status --json</c>: one object with snake_case keys.</summary>
internal static class ClusterStatusJson
{
    public static string Write(ClusterStatusReport report)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("cluster", report.ClusterId);
            json.WriteString("provider", report.Provider);
            json.WriteString("connection", report.Connection);
            json.WriteStartArray("silos");
            foreach (var silo in report.Silos)
            {
                json.WriteStartObject();
                json.WriteString("name", silo.Name);
                json.WriteString("address", silo.Address);
                json.WriteString("status", silo.Status);
                json.WriteString("since", UtcTimestamp.Format(silo.Since));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteNumber("dead_silos", report.DeadSilos);
            json.WriteStartArray("grains");
            foreach (var grain in report.Grains)
            {
                json.WriteStartObject();
                json.WriteString("silo", grain.Silo);
                json.WriteString("grain_type", grain.GrainType);
                json.WriteNumber("activations", grain.Activations);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartObject("decisions_per_minute");
            if (report.Decisions.PerMinute is { } perMinute)
            {
                json.WriteNumber("value", Math.Round(perMinute, 2));
            }
            else
            {
                json.WriteNull("value");
            }

            json.WriteNumber("window_minutes", report.Decisions.Window.TotalMinutes);
            json.WriteString("source", "decisions stored in the database");
            json.WriteString("database", report.Decisions.Database);
            json.WriteString("problem", report.Decisions.Problem);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
